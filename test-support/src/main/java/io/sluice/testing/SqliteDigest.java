package io.sluice.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a real SQLite file the way a test wants to compare it: content digests and row counts. */
public final class SqliteDigest {
    private SqliteDigest() {
    }

    /** SHA-256 over every row of the given tables, in rowid order, every column by its text. */
    public static String of(String jdbcUrl, List<String> tables) throws Exception {
        List<String> queries = new ArrayList<>();
        for (String table : tables) {
            queries.add("SELECT * FROM \"" + table + "\" ORDER BY rowid");
        }
        return ofQueries(jdbcUrl, queries);
    }

    /** SHA-256 over every row every query returns, every column by its text. */
    public static String ofQueries(String jdbcUrl, List<String> queries) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             Statement statement = connection.createStatement()) {
            for (String query : queries) {
                digest.update(("query " + query + "\n").getBytes(StandardCharsets.UTF_8));
                try (ResultSet rs = statement.executeQuery(query)) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int column = 1; column <= meta.getColumnCount(); column++) {
                            row.append(meta.getColumnName(column)).append('=').append(rs.getString(column)).append('|');
                        }
                        digest.update(row.append('\n').toString().getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Names of the user tables, sorted. */
    public static List<String> tables(String jdbcUrl) throws SQLException {
        return strings(jdbcUrl, "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
    }

    /** The first column of every row the query returns, as text. */
    public static List<String> strings(String jdbcUrl, String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(query)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    public static Map<String, Long> rowCounts(String jdbcUrl) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : tables(jdbcUrl)) {
            counts.put(table, longValue(jdbcUrl, "SELECT COUNT(*) FROM \"" + table + "\""));
        }
        return counts;
    }

    public static long longValue(String jdbcUrl, String query) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(query)) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }
}
