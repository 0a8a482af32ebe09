package io.sluice.driver.flyway;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A database's schema as a sorted map from object ("table loans", "index loans_idx") to its
 * definition, without the history tables of Flyway and Sluice, so that two databases migrated
 * by the two tools can be compared object by object. Tables carry their row count, since a
 * skipped {@code CREATE TABLE … AS} or {@code INSERT} leaves the same columns and fewer rows.
 */
final class SchemaDump {
    /** The tools' own tables: everything else a tool leaves in the database is a difference. */
    static final Set<String> HISTORY_TABLES = Set.of("flyway_schema_history", "sluice_schema_history");

    private static final int SHOWN_DIFFERENCES = 8;

    private final SortedMap<String, String> objects;

    SchemaDump(SortedMap<String, String> objects) {
        this.objects = objects;
    }

    SortedMap<String, String> objects() {
        return objects;
    }

    /**
     * The differences from {@code sluice}, the first few named with both definitions
     * ({@code index loans_idx: flyway=CREATE INDEX … sluice=<absent>}), or an empty string.
     */
    String differences(SchemaDump sluice) {
        Set<String> names = new TreeSet<>(objects.keySet());
        names.addAll(sluice.objects.keySet());
        List<String> lines = new ArrayList<>();
        int count = 0;
        for (String name : names) {
            String expected = objects.get(name);
            String actual = sluice.objects.get(name);
            if (!Objects.equals(expected, actual)) {
                if (++count <= SHOWN_DIFFERENCES) {
                    lines.add(name + ": flyway=" + shown(expected) + " sluice=" + shown(actual));
                }
            }
        }
        if (count == 0) {
            return "";
        }
        if (count > SHOWN_DIFFERENCES) {
            lines.add("… and " + (count - SHOWN_DIFFERENCES) + " more differences");
        }
        return count + " objects differ:\n  " + String.join("\n  ", lines);
    }

    private static String shown(String definition) {
        return definition == null ? "<absent>" : definition;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> object : objects.entrySet()) {
            text.append(object.getKey()).append(": ").append(object.getValue()).append('\n');
        }
        return text.toString();
    }

    // ---------------------------------------------------------------- SQLite

    /**
     * {@code sqlite_master} (type, name and the SQL with comments and extra whitespace removed),
     * row counts and the persistent header pragmas.
     */
    static SchemaDump sqlite(Connection connection) throws SQLException {
        SortedMap<String, String> objects = new TreeMap<>();
        List<String> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT type, name, tbl_name, sql FROM sqlite_master")) {
            while (rs.next()) {
                String type = rs.getString(1);
                String name = rs.getString(2);
                String table = rs.getString(3);
                String sql = rs.getString(4);
                if (HISTORY_TABLES.contains(table.toLowerCase()) || name.equals("sqlite_sequence")) {
                    continue;
                }
                objects.put(type + " " + name, sql == null ? "(automatic " + type + " on " + table + ")" : normalised(sql));
                if (type.equals("table")) {
                    tables.add(name);
                }
            }
        }
        try (Statement statement = connection.createStatement()) {
            for (String table : tables) {
                String key = "table " + table;
                objects.put(key, objects.get(key) + " [rows=" + single(statement,
                        "SELECT count(*) FROM \"" + table.replace("\"", "\"\"") + "\"") + "]");
            }
            for (String pragma : List.of("user_version", "application_id", "auto_vacuum")) {
                objects.put("pragma " + pragma, single(statement, "PRAGMA " + pragma));
            }
        }
        return new SchemaDump(objects);
    }

    /**
     * SQL without comments, with runs of whitespace made one space, and without the space
     * SQLite keeps before a closing parenthesis or after an opening one; quoted text is kept as
     * written.
     */
    static String normalised(String sql) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        int n = sql.length();
        boolean space = false;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
                space = true;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                space = true;
            } else if (Character.isWhitespace(c)) {
                space = true;
                i++;
            } else {
                if (space && out.length() > 0 && out.charAt(out.length() - 1) != '(' && c != ')' && c != ',') {
                    out.append(' ');
                }
                space = false;
                char close = c == '\'' || c == '"' || c == '`' ? c : c == '[' ? ']' : 0;
                if (close == 0) {
                    out.append(c);
                    i++;
                } else {
                    int end = i + 1;
                    while (end < n) {
                        if (sql.charAt(end) == close) {
                            if (close != ']' && end + 1 < n && sql.charAt(end + 1) == close) {
                                end += 2;
                                continue;
                            }
                            break;
                        }
                        end++;
                    }
                    end = Math.min(end + 1, n);
                    out.append(sql, i, end);
                    i = end;
                }
            }
        }
        return out.toString();
    }

    // ---------------------------------------------------------------- PostgreSQL

    /**
     * The objects of every schema of the database but the system's: schemas, tables and views
     * with their columns (type, NOT NULL, default, identity, generation) and row counts, views and
     * materialized views by {@code pg_get_viewdef}, indexes by {@code pg_get_indexdef} and
     * validity, constraints, sequences, functions, triggers, types and extensions.
     */
    static SchemaDump postgres(Connection connection) throws SQLException {
        List<String> schemas = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' "
                     + "AND nspname <> 'information_schema' ORDER BY nspname")) {
            while (rs.next()) {
                schemas.add(rs.getString(1));
            }
        }
        SortedMap<String, String> objects = new TreeMap<>();
        for (String schema : schemas) {
            objects.put("schema " + schema, "present");
        }
        return new SchemaDump(new PostgresSchemaReader(connection, schemas, null).read(objects));
    }

    /**
     * The objects of one schema, named without it ({@code table loans}), and with every mention
     * of the schema's name in definitions removed, so two schemas migrated side by side in one
     * database compare equal when their contents do.
     */
    static SchemaDump postgresSchema(Connection connection, String schema) throws SQLException {
        return new SchemaDump(new PostgresSchemaReader(connection, List.of(schema), schema).read(new TreeMap<>()));
    }

    static String quoteIdentifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
