package io.sluice.driver.flyway;

import java.sql.Connection;
import java.sql.PreparedStatement;
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

    private SchemaDump(SortedMap<String, String> objects) {
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
        return new SchemaDump(new PostgresReader(connection, schemas, null).read(objects));
    }

    /**
     * The objects of one schema, named without it ({@code table loans}), and with every mention
     * of the schema's name in definitions removed, so two schemas migrated side by side in one
     * database compare equal when their contents do.
     */
    static SchemaDump postgresSchema(Connection connection, String schema) throws SQLException {
        return new SchemaDump(new PostgresReader(connection, List.of(schema), schema).read(new TreeMap<>()));
    }

    /** The catalog queries; definitions are rendered with the dumped schemas first on the search path. */
    private static final class PostgresReader {
        private final Connection connection;
        private final List<String> schemas;
        private final String anonymous;

        PostgresReader(Connection connection, List<String> schemas, String anonymous) {
            this.connection = connection;
            this.schemas = schemas;
            this.anonymous = anonymous;
        }

        SortedMap<String, String> read(SortedMap<String, String> objects) throws SQLException {
            String searchPath;
            try (Statement statement = connection.createStatement()) {
                searchPath = single(statement, "SHOW search_path");
                List<String> quoted = new ArrayList<>();
                for (String schema : schemas) {
                    quoted.add(quoteIdentifier(schema));
                }
                // Rendered definitions qualify only what the search path does not show.
                statement.execute("SET search_path TO " + String.join(", ", quoted));
            }
            try {
                relations(objects);
                indexes(objects);
                constraints(objects);
                sequences(objects);
                functions(objects);
                triggers(objects);
                types(objects);
                extensions(objects);
            } finally {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET search_path TO " + searchPath);
                }
            }
            if (anonymous != null) {
                SortedMap<String, String> renamed = new TreeMap<>();
                for (Map.Entry<String, String> object : objects.entrySet()) {
                    renamed.put(object.getKey(), withoutSchema(object.getValue()));
                }
                return renamed;
            }
            return objects;
        }

        private String withoutSchema(String definition) {
            return definition.replace(quoteIdentifier(anonymous) + ".", "").replace(anonymous + ".", "");
        }

        private String name(String schema, String name) {
            return schema.equals(anonymous) || (anonymous == null && schema.equals("public")) ? name : schema + "." + name;
        }

        private ResultSet query(PreparedStatement statement) throws SQLException {
            statement.setArray(1, connection.createArrayOf("text", schemas.toArray()));
            return statement.executeQuery();
        }

        private void relations(SortedMap<String, String> objects) throws SQLException {
            String sql = "SELECT n.nspname, c.relname, c.relkind, c.relpersistence, c.relispopulated, a.attname, "
                    + "format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid), "
                    + "a.attgenerated, a.attidentity, CASE WHEN a.attcollation <> t.typcollation THEN co.collname END, "
                    + "CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid, true) END, "
                    + "CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END, "
                    + "CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END "
                    + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                    + "LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
                    + "LEFT JOIN pg_type t ON t.oid = a.atttypid "
                    + "LEFT JOIN pg_collation co ON co.oid = a.attcollation "
                    + "LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum "
                    + "WHERE n.nspname = ANY (?) AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'c') "
                    + "ORDER BY n.nspname, c.relname, a.attnum";
            Map<String, String> headers = new TreeMap<>();
            Map<String, List<String>> columns = new TreeMap<>();
            Map<String, String> counted = new TreeMap<>();
            try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rs = query(statement)) {
                while (rs.next()) {
                    String schema = rs.getString(1);
                    String relation = rs.getString(2);
                    if (HISTORY_TABLES.contains(relation)) {
                        continue;
                    }
                    String kind = kind(rs.getString(3));
                    String key = kind + " " + name(schema, relation);
                    if (!headers.containsKey(key)) {
                        headers.put(key, header(rs, kind));
                        columns.put(key, new ArrayList<>());
                        if ((kind.equals("table") || kind.equals("materialized view")) && rs.getBoolean(5)) {
                            counted.put(key, quoteIdentifier(schema) + "." + quoteIdentifier(relation));
                        }
                    }
                    if (rs.getString(6) != null) {
                        columns.get(key).add(column(rs));
                    }
                }
            }
            try (Statement statement = connection.createStatement()) {
                for (Map.Entry<String, String> header : headers.entrySet()) {
                    String key = header.getKey();
                    String text = (header.getValue() + " (" + String.join(", ", columns.get(key)) + ")").strip();
                    String table = counted.get(key);
                    if (table != null) {
                        text += " [rows=" + single(statement, "SELECT count(*) FROM " + table) + "]";
                    }
                    objects.put(key, text);
                }
            }
        }

        /** What a relation is beyond its columns: persistence, a view's query, partitioning. */
        private static String header(ResultSet rs, String kind) throws SQLException {
            StringBuilder header = new StringBuilder();
            if ("u".equals(rs.getString(4))) {
                header.append("UNLOGGED ");
            }
            if (rs.getString(13) != null) {
                header.append("AS ").append(rs.getString(13).strip().replaceAll("\\s+", " ")).append(' ');
                if (kind.equals("materialized view") && !rs.getBoolean(5)) {
                    header.append("WITH NO DATA ");
                }
            }
            if (rs.getString(15) != null) {
                header.append("PARTITION BY ").append(rs.getString(15)).append(' ');
            }
            if (rs.getString(14) != null) {
                header.append("PARTITION ").append(rs.getString(14)).append(' ');
            }
            return header.toString().strip();
        }

        private static String column(ResultSet rs) throws SQLException {
            StringBuilder column = new StringBuilder(rs.getString(6)).append(' ').append(rs.getString(7));
            if (rs.getString(12) != null) {
                column.append(" COLLATE ").append(rs.getString(12));
            }
            if (rs.getBoolean(8)) {
                column.append(" NOT NULL");
            }
            String generated = rs.getString(10);
            String expression = rs.getString(9);
            if (generated != null && !generated.isEmpty()) {
                column.append(" GENERATED ALWAYS AS (").append(expression).append(") STORED");
            } else if (expression != null) {
                column.append(" DEFAULT ").append(expression);
            }
            String identity = rs.getString(11);
            if (identity != null && !identity.isEmpty()) {
                column.append(identity.equals("a") ? " GENERATED ALWAYS AS IDENTITY" : " GENERATED BY DEFAULT AS IDENTITY");
            }
            return column.toString();
        }

        private static String kind(String relkind) {
            switch (relkind) {
                case "r":
                case "p":
                    return "table";
                case "v":
                    return "view";
                case "m":
                    return "materialized view";
                case "f":
                    return "foreign table";
                default:
                    return "type";
            }
        }

        private void indexes(SortedMap<String, String> objects) throws SQLException {
            String sql = "SELECT n.nspname, ic.relname, t.relname, pg_get_indexdef(i.indexrelid), i.indisvalid, i.indisready "
                    + "FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid "
                    + "JOIN pg_namespace n ON n.oid = ic.relnamespace WHERE n.nspname = ANY (?)";
            try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rs = query(statement)) {
                while (rs.next()) {
                    if (HISTORY_TABLES.contains(rs.getString(3))) {
                        continue;
                    }
                    String validity = rs.getBoolean(5) && rs.getBoolean(6) ? "" : " [INVALID]";
                    objects.put("index " + name(rs.getString(1), rs.getString(2)), rs.getString(4) + validity);
                }
            }
        }

        private void constraints(SortedMap<String, String> objects) throws SQLException {
            String sql = "SELECT n.nspname, COALESCE(c.relname, ty.typname), con.conname, pg_get_constraintdef(con.oid), "
                    + "con.convalidated, con.condeferrable, con.condeferred "
                    + "FROM pg_constraint con JOIN pg_namespace n ON n.oid = con.connamespace "
                    + "LEFT JOIN pg_class c ON c.oid = con.conrelid LEFT JOIN pg_type ty ON ty.oid = con.contypid "
                    + "WHERE n.nspname = ANY (?)";
            try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rs = query(statement)) {
                while (rs.next()) {
                    if (HISTORY_TABLES.contains(rs.getString(2))) {
                        continue;
                    }
                    String definition = rs.getString(4) + (rs.getBoolean(5) ? "" : " [NOT VALIDATED]");
                    objects.put("constraint " + name(rs.getString(1), rs.getString(2)) + "." + rs.getString(3), definition);
                }
            }
        }

        private void sequences(SortedMap<String, String> objects) throws SQLException {
            String sql = "SELECT n.nspname, c.relname, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin, "
                    + "s.seqmax, s.seqcache, s.seqcycle, owner.relname, a.attname "
                    + "FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                    + "LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid "
                    + "AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') "
                    + "LEFT JOIN pg_class owner ON owner.oid = d.refobjid "
                    + "LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid "
                    + "WHERE n.nspname = ANY (?)";
            try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rs = query(statement)) {
                while (rs.next()) {
                    if (rs.getString(10) != null && HISTORY_TABLES.contains(rs.getString(10))) {
                        continue;
                    }
                    String definition = "AS " + rs.getString(3) + " START " + rs.getLong(4) + " INCREMENT " + rs.getLong(5)
                            + " MINVALUE " + rs.getLong(6) + " MAXVALUE " + rs.getLong(7) + " CACHE " + rs.getLong(8)
                            + (rs.getBoolean(9) ? " CYCLE" : "")
                            + (rs.getString(10) == null ? "" : " OWNED BY " + rs.getString(10) + "." + rs.getString(11));
                    objects.put("sequence " + name(rs.getString(1), rs.getString(2)), definition);
                }
            }
        }

        private void functions(SortedMap<String, String> objects) throws SQLException {
            String sql = "SELECT n.nspname, p.proname, pg_get_function_identity_arguments(p.oid), p.prokind, "
                    + "CASE WHEN p.prokind IN ('f', 'p', 'w') THEN pg_get_functiondef(p.oid) "
                    + "ELSE pg_get_function_result(p.oid) END "
                    + "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = ANY (?) "
                    + "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass "
                    + "AND d.objid = p.oid AND d.deptype = 'e')";
            try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rs = query(statement)) {
                while (rs.next()) {
                    String kind = rs.getString(4).equals("p") ? "procedure" : rs.getString(4).equals("a") ? "aggregate" : "function";
                    objects.put(kind + " " + name(rs.getString(1), rs.getString(2)) + "(" + rs.getString(3) + ")",
                            rs.getString(5).strip().replaceAll("\\s+", " "));
                }
            }
        }

        private void triggers(SortedMap<String, String> objects) throws SQLException {
            String sql = "SELECT n.nspname, c.relname, t.tgname, pg_get_triggerdef(t.oid, true), t.tgenabled "
                    + "FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                    + "WHERE n.nspname = ANY (?) AND NOT t.tgisinternal";
            try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rs = query(statement)) {
                while (rs.next()) {
                    if (HISTORY_TABLES.contains(rs.getString(2))) {
                        continue;
                    }
                    String enabled = rs.getString(5).equals("O") ? "" : " [ENABLED=" + rs.getString(5) + "]";
                    objects.put("trigger " + name(rs.getString(1), rs.getString(2)) + "." + rs.getString(3),
                            rs.getString(4) + enabled);
                }
            }
        }

        private void types(SortedMap<String, String> objects) throws SQLException {
            String sql = "SELECT n.nspname, t.typname, t.typtype, "
                    + "(SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder) FROM pg_enum e "
                    + "WHERE e.enumtypid = t.oid), format_type(t.typbasetype, t.typtypmod), t.typnotnull, t.typdefault "
                    + "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
                    + "WHERE n.nspname = ANY (?) AND t.typtype IN ('e', 'd', 'r', 'm')";
            try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rs = query(statement)) {
                while (rs.next()) {
                    String definition;
                    switch (rs.getString(3)) {
                        case "e":
                            definition = "ENUM (" + Objects.toString(rs.getString(4), "") + ")";
                            break;
                        case "d":
                            definition = "DOMAIN AS " + rs.getString(5) + (rs.getBoolean(6) ? " NOT NULL" : "")
                                    + (rs.getString(7) == null ? "" : " DEFAULT " + rs.getString(7));
                            break;
                        default:
                            definition = "RANGE";
                    }
                    objects.put("type " + name(rs.getString(1), rs.getString(2)), definition);
                }
            }
        }

        private void extensions(SortedMap<String, String> objects) throws SQLException {
            String sql = "SELECT n.nspname, e.extname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
                    + "WHERE n.nspname = ANY (?) AND e.extname <> 'plpgsql'";
            try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rs = query(statement)) {
                while (rs.next()) {
                    objects.put("extension " + rs.getString(2), "in " + name(rs.getString(1), ""));
                }
            }
        }
    }

    static String quoteIdentifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
