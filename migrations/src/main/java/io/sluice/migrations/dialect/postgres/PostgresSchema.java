package io.sluice.migrations.dialect.postgres;

import io.sluice.migrations.plan.CatalogSnapshot;
import io.sluice.migrations.plan.IndexShape;
import io.sluice.migrations.plan.TableShape;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads one schema's catalog for planning, and tries table definitions in a scratch schema
 * inside a transaction that is always rolled back.
 */
final class PostgresSchema {
    private static final String COLUMNS = "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, "
            + "EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary AND a.attnum = ANY (i.indkey)) "
            + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid "
            + "WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped ORDER BY c.relname, a.attnum";
    private static final String INDEXES = "SELECT ic.relname, tc.relname, i.indisunique, "
            + "ARRAY(SELECT COALESCE((SELECT attname FROM pg_attribute WHERE attrelid = i.indrelid AND attnum = k.key), '(expression)') "
            + "FROM unnest(i.indkey) WITH ORDINALITY AS k(key, position) ORDER BY k.position)::text[] "
            + "FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class tc ON tc.oid = i.indrelid "
            + "JOIN pg_namespace n ON n.oid = ic.relnamespace WHERE n.nspname = ?";
    private static final String VIEWS = "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE n.nspname = ? AND c.relkind IN ('v', 'm')";
    private static final String TRIGGERS = "SELECT t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND NOT t.tgisinternal";

    private final Connection connection;
    private final String schema;

    PostgresSchema(Connection connection, String schema) {
        this.connection = connection;
        this.schema = schema;
    }

    CatalogSnapshot read() throws SQLException {
        CatalogSnapshot catalog = new CatalogSnapshot();
        tables(schema).forEach(catalog::putTable);
        try (PreparedStatement statement = connection.prepareStatement(INDEXES)) {
            statement.setString(1, schema);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String[] columns = (String[]) rs.getArray(4).getArray();
                    catalog.putIndex(rs.getString(1), new IndexShape(rs.getString(2), Arrays.asList(columns),
                            rs.getBoolean(3)));
                }
            }
        }
        for (String view : names(VIEWS)) {
            catalog.putView(view);
        }
        for (String trigger : names(TRIGGERS)) {
            catalog.putTrigger(trigger);
        }
        return catalog;
    }

    private Map<String, TableShape> tables(String inSchema) throws SQLException {
        Map<String, List<TableShape.Column>> columns = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(COLUMNS)) {
            statement.setString(1, inSchema);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    columns.computeIfAbsent(rs.getString(1), table -> new ArrayList<>()).add(
                            new TableShape.Column(rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getBoolean(5)));
                }
            }
        }
        Map<String, TableShape> tables = new LinkedHashMap<>();
        columns.forEach((table, list) -> tables.put(table, new TableShape(list)));
        return tables;
    }

    private List<String> names(String query) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, schema);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    /**
     * Runs the statements in an empty scratch schema (first on the search path, so unqualified
     * names land there), reads its catalog, and rolls everything back. {@code CONCURRENTLY} is
     * dropped: it cannot run in a transaction, and the scratch tables are empty anyway.
     */
    CatalogSnapshot scratch(List<String> statements) throws SQLException {
        String scratch = scratchName();
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + scratch);
            statement.execute("SET LOCAL search_path = " + scratch);
            for (String sql : statements) {
                statement.execute(sql.replaceAll("(?i)\\bconcurrently\\b", ""));
            }
            return new PostgresSchema(connection, scratch).read();
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
    }

    private static String scratchName() {
        return "sluice_probe_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /**
     * Creates the definition in a scratch schema (references resolve to the real schema through
     * the search path), reads its shape, and rolls everything back.
     */
    TableShape probe(String definition) throws SQLException {
        String scratch = scratchName();
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + scratch);
            statement.execute("SET LOCAL search_path = " + scratch + ", " + PostgresCatalog.quote(schema));
            statement.execute("CREATE TABLE " + scratch + ".probe " + definition);
            return tables(scratch).get("probe");
        } catch (SQLException e) {
            return null;
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
    }
}
