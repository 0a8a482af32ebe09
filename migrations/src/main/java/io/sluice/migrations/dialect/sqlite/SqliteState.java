package io.sluice.migrations.dialect.sqlite;

import io.sluice.migrations.backup.BackupMetadata;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A digest of what a SQLite database holds, to tell whether it changed since its last backup: the
 * definition of every object and every row of every table (its rowid too), each value as SQLite's
 * {@code quote()} writes it, so {@code 1}, {@code '1'} and {@code X'31'} differ. The file's layout
 * (pages, free space, journal, a checkpoint, a restore) does not count. Left out: the history
 * table's failed rows, because a start that fails records one and the backup before it still holds
 * everything else; so a start that fails again and again finds the database unchanged.
 *
 * <p>It reads the whole database once, under the gate's write lock: cheaper than the backup it
 * spares (a copy, an integrity check and row counts), and nothing else can write meanwhile.
 */
final class SqliteState {
    private static final Pattern WITHOUT_ROWID = Pattern.compile("(?is).*\\bwithout\\s+rowid\\s*;?\\s*$");
    private static final Pattern VIRTUAL = Pattern.compile("(?is)\\s*create\\s+virtual\\b.*");

    private SqliteState() {
    }

    static String digest(Connection connection, String historyTable) throws SQLException {
        MessageDigest digest = BackupMetadata.newSha256();
        List<String[]> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name")) {
            while (rs.next()) {
                String sql = rs.getString(4);
                update(digest, "object", rs.getString(1), rs.getString(2), rs.getString(3), sql);
                // A virtual table's rows live in its shadow tables, which are listed here as tables of their own.
                if (rs.getString(1).equals("table") && (sql == null || !VIRTUAL.matcher(sql).matches())) {
                    tables.add(new String[] {rs.getString(2), sql});
                }
            }
        }
        for (String[] table : tables) {
            boolean history = table[0].toLowerCase(Locale.ROOT).equals(historyTable.toLowerCase(Locale.ROOT));
            rows(connection, digest, table[0], table[1] != null && WITHOUT_ROWID.matcher(table[1]).matches(), history);
        }
        return "sha256:" + BackupMetadata.hex(digest.digest());
    }

    private static void rows(Connection connection, MessageDigest digest, String table, boolean withoutRowid,
                             boolean history) throws SQLException {
        List<String> values = new ArrayList<>();
        if (!withoutRowid) {
            values.add("quote(rowid)");
        }
        boolean hasSuccess = false;
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("PRAGMA table_info(" + SqliteChecks.quote(table) + ")")) {
            while (rs.next()) {
                values.add("quote(" + SqliteChecks.quote(rs.getString("name")) + ")");
                hasSuccess |= rs.getString("name").equalsIgnoreCase("success");
            }
        }
        String select = "SELECT " + String.join(", ", values) + " FROM " + SqliteChecks.quote(table)
                + (history && hasSuccess ? " WHERE success <> 0" : "");
        update(digest, "table", table);
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(select)) {
            int columns = values.size();
            String[] row = new String[columns];
            while (rs.next()) {
                for (int i = 0; i < columns; i++) {
                    row[i] = rs.getString(i + 1);
                }
                update(digest, row);
            }
        }
    }

    /** One record: each part prefixed by its length, so no two different records read alike. */
    private static void update(MessageDigest digest, String... parts) {
        StringBuilder record = new StringBuilder();
        for (String part : parts) {
            record.append(part == null ? "-1:" : part.length() + ":" + part);
        }
        digest.update(record.append('\n').toString().getBytes(StandardCharsets.UTF_8));
    }
}
