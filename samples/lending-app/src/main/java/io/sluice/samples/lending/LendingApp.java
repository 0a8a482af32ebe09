package io.sluice.samples.lending;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A small legacy lending app whose only change for Sluice is its JDBC URL: {@code jdbc:sqlite:}
 * became {@code jdbc:sluice:sqlite:}. On start the gate brings the database up to date from
 * {@code db/migration} on the classpath and logs what it did; then the app does its usual work.
 *
 * <p>Usage: {@code java -jar lending-app.jar [database file]} (default {@code data/lending.db}).
 */
public final class LendingApp {
    public static void main(String[] args) throws Exception {
        // One line per log record, so the gate's report reads as a short story on the console.
        System.setProperty("java.util.logging.SimpleFormatter.format", "[%4$s] %5$s%6$s%n");
        Path database = Paths.get(args.length > 0 ? args[0] : "data/lending.db").toAbsolutePath();
        Files.createDirectories(database.getParent());

        String url = "jdbc:sluice:sqlite:" + database;
        System.out.println("lending-app: connecting to " + url);
        try (Connection connection = DriverManager.getConnection(url)) {
            System.out.println("lending-app: got " + connection.getClass().getName());
            report(connection);
        } catch (SQLException e) {
            System.err.println("lending-app: cannot start: " + e.getMessage() + " [SQLState " + e.getSQLState() + "]");
            System.exit(1);
        }
    }

    private static void report(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            System.out.println("lending-app: " + count(statement, "SELECT COUNT(*) FROM users") + " users, "
                    + count(statement, "SELECT COUNT(*) FROM loans") + " loans, "
                    + count(statement, "SELECT COUNT(*) FROM payments") + " payments, "
                    + count(statement, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name LIKE 'cashback%'")
                    + " cashback tables, schema version "
                    + text(statement, "SELECT version FROM sluice_schema_history WHERE success = 1 "
                    + "ORDER BY installed_rank DESC LIMIT 1"));
        }
    }

    private static long count(Statement statement, String query) throws SQLException {
        try (ResultSet rs = statement.executeQuery(query)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static String text(Statement statement, String query) throws SQLException {
        try (ResultSet rs = statement.executeQuery(query)) {
            return rs.next() ? rs.getString(1) : "none";
        }
    }
}
