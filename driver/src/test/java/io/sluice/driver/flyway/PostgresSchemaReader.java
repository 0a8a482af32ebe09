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
import java.util.SortedMap;
import java.util.TreeMap;

import static io.sluice.driver.flyway.SchemaDump.HISTORY_TABLES;
import static io.sluice.driver.flyway.SchemaDump.quoteIdentifier;
import static io.sluice.driver.flyway.SchemaDump.single;

/**
 * PostgreSQL's catalog as {@link SchemaDump} entries, by the server's own renderings
 * ({@code pg_get_viewdef}, {@code pg_get_indexdef}, {@code pg_get_constraintdef},
 * {@code pg_get_functiondef}, {@code pg_get_triggerdef}), which are rendered with the dumped
 * schemas first on the search path so they qualify only what lies elsewhere.
 */
final class PostgresSchemaReader {
    private final Connection connection;
    private final List<String> schemas;
    private final String anonymous;

    /**
     * @param schemas   the schemas to read
     * @param anonymous the one schema whose name is left out of names and definitions, or null
     *                  (then objects outside {@code public} are named with their schema)
     */
    PostgresSchemaReader(Connection connection, List<String> schemas, String anonymous) {
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
