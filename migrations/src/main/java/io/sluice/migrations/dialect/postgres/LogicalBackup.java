package io.sluice.migrations.dialect.postgres;

import io.sluice.migrations.sql.SplitRules;
import io.sluice.migrations.sql.SqlStatement;
import io.sluice.migrations.sql.Splitter;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

/**
 * The built-in backup for when no suitable {@code pg_dump} is installed: one schema (the
 * connection's current one, where the migrations run) as a plain SQL script that the restore
 * path replays. It covers sequences, tables with their rows, constraints, indexes, views,
 * functions and triggers; not other schemas, roles, grants, ownership, comments, extensions or
 * large objects. Rows are read in one repeatable-read snapshot.
 */
final class LogicalBackup {
    static final String HEADER = "-- sluice logical backup v1";
    private static final String ROWS = "-- rows ";
    private static final String SCHEMA = "-- schema ";

    private final Connection connection;
    private final String schema;

    LogicalBackup(Connection connection, String schema) {
        this.connection = connection;
        this.schema = schema;
    }

    void write(Path file) throws SQLException, IOException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             Statement statement = connection.createStatement()) {
            statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            // Definitions are printed relative to the schema, as the restore replays them.
            statement.execute("SET LOCAL search_path = " + PostgresCatalog.quote(schema));
            out.write(HEADER + "\n" + SCHEMA + schema + "\n");
            Map<String, Long> rows = new LinkedHashMap<>();
            writeAll(out, "SELECT format('CREATE SEQUENCE %I.%I AS %s INCREMENT BY %s MINVALUE %s MAXVALUE %s START WITH %s%s', "
                    + "schemaname, sequencename, data_type, increment_by, min_value, max_value, start_value, "
                    + "CASE WHEN cycle THEN ' CYCLE' ELSE '' END) FROM pg_sequences s WHERE schemaname = ? AND NOT EXISTS ("
                    + "SELECT 1 FROM pg_depend d WHERE d.deptype = 'i' AND d.classid = 'pg_class'::regclass AND d.objid = "
                    + "(quote_ident(s.schemaname) || '.' || quote_ident(s.sequencename))::regclass) ORDER BY sequencename");
            for (String table : tables()) {
                out.write(createTable(table) + ";\n");
                rows.put(table, writeRows(out, table));
            }
            writeAll(out, "SELECT format('SELECT setval(%L, %s, %s)', quote_ident(schemaname) || '.' || quote_ident(sequencename), "
                    + "COALESCE(last_value, start_value), CASE WHEN last_value IS NULL THEN 'false' ELSE 'true' END) "
                    + "FROM pg_sequences WHERE schemaname = ?");
            writeAll(out, "SELECT format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname, "
                    + "pg_get_constraintdef(c.oid)) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace "
                    + "WHERE n.nspname = ? AND c.conrelid <> 0 AND c.conislocal AND c.contype <> 'n' ORDER BY CASE c.contype WHEN 'f' THEN 1 ELSE 0 END, c.oid");
            writeAll(out, "SELECT i.indexdef FROM pg_indexes i WHERE i.schemaname = ? AND NOT EXISTS (SELECT 1 FROM "
                    + "pg_constraint c WHERE c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)");
            writeAll(out, "SELECT format('CREATE VIEW %I.%I AS %s', n.nspname, c.relname, rtrim(pg_get_viewdef(c.oid), ';')) "
                    + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relkind = 'v' "
                    + "ORDER BY c.oid");
            writeAll(out, "SELECT pg_get_functiondef(p.oid) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                    + "WHERE n.nspname = ? AND p.prokind = 'f' ORDER BY p.oid");
            writeAll(out, "SELECT pg_get_triggerdef(t.oid) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                    + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND NOT t.tgisinternal ORDER BY t.oid");
            for (Map.Entry<String, Long> count : rows.entrySet()) {
                out.write(ROWS + count.getValue() + " " + count.getKey() + "\n");
            }
        } catch (SQLException | IOException | RuntimeException e) {
            endSnapshot(autoCommit, e);
            throw e;
        }
        endSnapshot(autoCommit, null);
    }

    /** Ends the read-only snapshot; after a failure, a dead connection's own complaint must not hide the first one. */
    private void endSnapshot(boolean autoCommit, Exception failure) throws SQLException {
        try {
            connection.commit();
            connection.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            if (failure == null) {
                throw e;
            }
            failure.addSuppressed(e);
        }
    }

    private List<String> tables() throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT c.relname FROM pg_class c JOIN pg_namespace n "
                + "ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY c.oid")) {
            statement.setString(1, schema);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
        }
        return tables;
    }

    private String createTable(String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT format('%I %s%s%s', a.attname, "
                + "format_type(a.atttypid, a.atttypmod), "
                + "CASE WHEN a.attgenerated = 's' THEN ' GENERATED ALWAYS AS (' || pg_get_expr(d.adbin, d.adrelid) || ') STORED' "
                + "WHEN a.attidentity = 'a' THEN ' GENERATED ALWAYS AS IDENTITY' WHEN a.attidentity = 'd' THEN ' GENERATED BY DEFAULT AS IDENTITY' "
                + "WHEN d.adbin IS NOT NULL THEN ' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid) ELSE '' END, "
                + "CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END) FROM pg_attribute a "
                + "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                + "WHERE a.attrelid = ?::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")) {
            statement.setString(1, PostgresCatalog.qualified(schema, table));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return "CREATE TABLE " + PostgresCatalog.qualified(schema, table) + " (" + String.join(", ", columns) + ")";
    }

    /** One INSERT per row, values as quoted literals the server casts back; generated columns left out. */
    private long writeRows(BufferedWriter out, String table) throws SQLException, IOException {
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT a.attname FROM pg_attribute a "
                + "WHERE a.attrelid = ?::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '' ORDER BY a.attnum")) {
            statement.setString(1, PostgresCatalog.qualified(schema, table));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    names.add(PostgresCatalog.quote(rs.getString(1)));
                    values.add("quote_nullable(" + PostgresCatalog.quote(rs.getString(1)) + "::text)");
                }
            }
        }
        if (names.isEmpty()) {
            return 0;
        }
        String prefix = "INSERT INTO " + PostgresCatalog.qualified(schema, table) + " (" + String.join(", ", names)
                + ") OVERRIDING SYSTEM VALUE VALUES (";
        long count = 0;
        try (Statement statement = connection.createStatement()) {
            statement.setFetchSize(1_000);
            try (ResultSet rs = statement.executeQuery("SELECT concat_ws(', ', " + String.join(", ", values) + ") FROM "
                    + PostgresCatalog.qualified(schema, table))) {
                while (rs.next()) {
                    out.write(prefix);
                    out.write(rs.getString(1));
                    out.write(");\n");
                    count++;
                }
            }
        }
        return count;
    }

    private void writeAll(BufferedWriter out, String query) throws SQLException, IOException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, schema);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    out.write(rs.getString(1).trim());
                    out.write(";\n");
                }
            }
        }
    }

    static boolean isLogicalBackup(Path file) throws IOException {
        byte[] header = (HEADER + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] start = new byte[header.length];
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(start, 0, start.length) == start.length && Arrays.equals(start, header);
        }
    }

    /** The schema a logical backup holds, which its restore replaces: its second line. */
    static String schemaOf(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            in.readLine();
            String line = in.readLine();
            if (line == null || !line.startsWith(SCHEMA)) {
                throw new IOException(file + " names no schema on its second line");
            }
            return line.substring(SCHEMA.length());
        }
    }

    /** Re-reads the file: the header, and as many rows per table as were counted when writing. */
    static void check(Path file) throws IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        if (!text.startsWith(HEADER)) {
            throw new IOException(file + " is not a Sluice logical backup");
        }
        Map<String, Long> inserted = new LinkedHashMap<>();
        Map<String, Long> expected = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith(ROWS)) {
                String[] parts = line.substring(ROWS.length()).split(" ", 2);
                expected.put(parts[1], Long.parseLong(parts[0]));
            }
        }
        for (SqlStatement statement : Splitter.split(text, SplitRules.POSTGRES)) {
            String sql = statement.sql();
            if (sql.startsWith("INSERT INTO ")) {
                String table = unqualified(sql.substring("INSERT INTO ".length(), sql.indexOf(" (")));
                inserted.merge(table, 1L, Long::sum);
            }
        }
        for (Map.Entry<String, Long> table : expected.entrySet()) {
            long found = inserted.getOrDefault(table.getKey(), 0L);
            if (found != table.getValue()) {
                throw new IOException(file + " holds " + found + " rows of " + table.getKey() + ", expected " + table.getValue());
            }
        }
    }

    private static String unqualified(String qualified) {
        String name = qualified.substring(qualified.lastIndexOf("\".\"") + 3);
        return name.substring(0, name.length() - 1).replace("\"\"", "\"");
    }

    /** Replaces the schema with the backup's, in one transaction: all of it comes back or nothing changes. */
    static void restore(Connection connection, Path file) throws SQLException, IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        String schema = text.split("\n", 3)[1].substring(SCHEMA.length());
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + PostgresCatalog.quote(schema) + " CASCADE");
            statement.execute("CREATE SCHEMA " + PostgresCatalog.quote(schema));
            statement.execute("SET LOCAL search_path = " + PostgresCatalog.quote(schema));
            for (SqlStatement sql : Splitter.split(text, SplitRules.POSTGRES)) {
                statement.execute(sql.sql());
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
