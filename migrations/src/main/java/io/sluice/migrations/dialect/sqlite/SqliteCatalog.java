package io.sluice.migrations.dialect.sqlite;

import io.sluice.migrations.dialect.Connector;
import io.sluice.migrations.plan.CatalogSnapshot;
import io.sluice.migrations.plan.CatalogView;
import io.sluice.migrations.plan.Lookup;
import io.sluice.migrations.plan.IndexShape;
import io.sluice.migrations.plan.TableShape;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads SQLite's catalog, and tries table definitions in a private in-memory database. */
final class SqliteCatalog {
    private static final String PROBE = "sluice_probe";

    private final Connector connector;
    private Connection scratch;

    SqliteCatalog(Connector connector) {
        this.connector = connector;
    }

    static CatalogSnapshot read(Connection connection) throws SQLException {
        CatalogSnapshot catalog = new CatalogSnapshot();
        List<String[]> objects = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT type, name, tbl_name, sql FROM sqlite_master "
                     + "WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")) {
            while (rs.next()) {
                objects.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
            }
        }
        for (String[] object : objects) {
            switch (object[0]) {
                case "table":
                    catalog.putTable(object[1], table(connection, object[1]));
                    break;
                case "index":
                    catalog.putIndex(object[1], index(connection, object[1], object[2], object[3]));
                    break;
                case "view":
                    catalog.putView(object[1]);
                    break;
                case "trigger":
                    catalog.putTrigger(object[1]);
                    break;
                default:
                    break;
            }
        }
        return catalog;
    }

    private static TableShape table(Connection connection, String table) throws SQLException {
        List<TableShape.Column> columns = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("PRAGMA table_info(" + SqliteChecks.quote(table) + ")")) {
            while (rs.next()) {
                columns.add(new TableShape.Column(rs.getString("name"), rs.getString("type"),
                        rs.getInt("notnull") != 0, rs.getInt("pk") > 0));
            }
        }
        return new TableShape(columns);
    }

    private static IndexShape index(Connection connection, String index, String table, String sql) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("PRAGMA index_info(" + SqliteChecks.quote(index) + ")")) {
            while (rs.next()) {
                String name = rs.getString("name");
                columns.add(name == null ? "(expression)" : name);
            }
        }
        boolean unique = sql != null && sql.trim().toUpperCase(Locale.ROOT).startsWith("CREATE UNIQUE");
        return new IndexShape(table, columns, unique);
    }

    /** The live catalog, one object per lookup, as the gate's connection sees it inside its transaction. */
    static CatalogView live(Connection connection) {
        return new CatalogView() {
            @Override
            public Lookup<TableShape> table(String name) throws SQLException {
                String[] found = find(connection, "table", name);
                return found == null ? Lookup.<TableShape>absent() : Lookup.present(SqliteCatalog.table(connection, found[0]));
            }

            @Override
            public Lookup<IndexShape> index(String name) throws SQLException {
                String[] found = find(connection, "index", name);
                return found == null ? Lookup.<IndexShape>absent()
                        : Lookup.present(SqliteCatalog.index(connection, found[0], found[1], found[2]));
            }

            @Override
            public Lookup<String> view(String name) throws SQLException {
                return find(connection, "view", name) == null ? Lookup.<String>absent() : Lookup.present(name);
            }

            @Override
            public Lookup<String> trigger(String name) throws SQLException {
                return find(connection, "trigger", name) == null ? Lookup.<String>absent() : Lookup.present(name);
            }
        };
    }

    /** {@code [name, tbl_name, sql]} of the object, or null; SQLite compares names case-insensitively. */
    private static String[] find(Connection connection, String type, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = ? AND name = ? COLLATE NOCASE")) {
            statement.setString(1, type);
            statement.setString(2, name);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? new String[] {rs.getString(1), rs.getString(2), rs.getString(3)} : null;
            }
        }
    }

    /** Creates the definition as a table of a private in-memory database and reads its shape back. */
    TableShape probe(String definition) throws SQLException {
        try (Statement statement = scratch().createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + PROBE);
            statement.execute("CREATE TABLE " + PROBE + " " + definition);
            return table(scratch, PROBE);
        } catch (SQLException e) {
            return null;
        }
    }

    private Connection scratch() throws SQLException {
        if (scratch == null) {
            scratch = connector.connectTo(SqliteDialect.URL_PREFIX + ":memory:");
        }
        return scratch;
    }

    /** Runs the statements in a fresh in-memory database and reads its catalog. */
    static CatalogSnapshot scratch(Connector connector, List<String> statements) throws SQLException {
        try (Connection empty = connector.connectTo(SqliteDialect.URL_PREFIX + ":memory:");
             Statement statement = empty.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
            return read(empty);
        }
    }

    CatalogSnapshot scratch(List<String> statements) throws SQLException {
        return scratch(connector, statements);
    }

    void close() throws SQLException {
        if (scratch != null) {
            scratch.close();
        }
    }
}
