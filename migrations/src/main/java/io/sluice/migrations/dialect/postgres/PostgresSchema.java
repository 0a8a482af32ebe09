package io.sluice.migrations.dialect.postgres;

import io.sluice.migrations.plan.CatalogSnapshot;
import io.sluice.migrations.plan.CatalogView;
import io.sluice.migrations.plan.Lookup;
import io.sluice.migrations.plan.IndexShape;
import io.sluice.migrations.plan.TableShape;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
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
    private static final String INDEXES = "SELECT ic.relname, tc.relname, i.indisunique, i.indisvalid, "
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
                    catalog.putIndex(rs.getString(1), index(rs));
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

    private static IndexShape index(ResultSet rs) throws SQLException {
        String[] columns = (String[]) rs.getArray(5).getArray();
        return new IndexShape(rs.getString(2), Arrays.asList(columns), rs.getBoolean(3), rs.getBoolean(4));
    }

    /**
     * The live catalog, one object per lookup, as the gate's connection sees it now: inside a
     * migration's transaction, after its earlier statements.
     */
    CatalogView live() {
        return new CatalogView() {
            @Override
            public Lookup<TableShape> table(String name) throws SQLException {
                return Lookup.ofNullable(tables(schema, name).get(name));
            }

            @Override
            public Lookup<IndexShape> index(String name) throws SQLException {
                try (PreparedStatement statement = connection.prepareStatement(INDEXES + " AND ic.relname = ?")) {
                    statement.setString(1, schema);
                    statement.setString(2, name);
                    try (ResultSet rs = statement.executeQuery()) {
                        return rs.next() ? Lookup.present(PostgresSchema.index(rs)) : Lookup.<IndexShape>absent();
                    }
                }
            }

            @Override
            public Lookup<String> view(String name) throws SQLException {
                return names(VIEWS + " AND c.relname = ?", name).isEmpty() ? Lookup.<String>absent() : Lookup.present(name);
            }

            @Override
            public Lookup<String> trigger(String name) throws SQLException {
                return names(TRIGGERS + " AND t.tgname = ?", name).isEmpty() ? Lookup.<String>absent() : Lookup.present(name);
            }
        };
    }

    private Map<String, TableShape> tables(String inSchema) throws SQLException {
        return tables(inSchema, null);
    }

    /** The tables of a schema, or only the one named {@code only}. */
    private Map<String, TableShape> tables(String inSchema, String only) throws SQLException {
        Map<String, List<TableShape.Column>> columns = new LinkedHashMap<>();
        String query = only == null ? COLUMNS : COLUMNS.replace(" ORDER BY", " AND c.relname = ? ORDER BY");
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, inSchema);
            if (only != null) {
                statement.setString(2, only);
            }
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

    private List<String> names(String query, String... more) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, schema);
            for (int i = 0; i < more.length; i++) {
                statement.setString(i + 2, more[i]);
            }
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
     * the search path), reads its shape, and undoes it all: inside a migration's transaction to a
     * savepoint, so the migration's own work stays; otherwise in a transaction of its own.
     */
    TableShape probe(String definition) throws SQLException {
        String scratch = scratchName();
        boolean autoCommit = connection.getAutoCommit();
        Savepoint savepoint = null;
        if (autoCommit) {
            connection.setAutoCommit(false);
        } else {
            savepoint = connection.setSavepoint();
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + scratch);
            statement.execute("SET LOCAL search_path = " + scratch + ", " + PostgresCatalog.quote(schema));
            statement.execute("CREATE TABLE " + scratch + ".probe " + definition);
            return tables(scratch).get("probe");
        } catch (SQLException e) {
            return null;
        } finally {
            if (savepoint == null) {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            } else {
                connection.rollback(savepoint); // also undoes the SET LOCAL
                connection.releaseSavepoint(savepoint);
            }
        }
    }
}
