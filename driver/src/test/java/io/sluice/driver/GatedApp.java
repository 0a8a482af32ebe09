package io.sluice.driver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * A stand-in application for subprocess tests: connects through {@code DriverManager} to the URL
 * in {@code args[0]}, optionally after waiting for a start file ({@code args[1]}; having said
 * it is ready by creating {@code args[2]}), and prints
 * what it got. Credentials, where the database wants them, come from {@code APP_USER} and
 * {@code APP_PASSWORD}. Exit 0 on success, 3 on an {@link SQLException}.
 */
public final class GatedApp {
    public static void main(String[] args) throws Exception {
        if (args.length > 2) {
            Files.createFile(Paths.get(args[2]));
        }
        if (args.length > 1) {
            Path go = Paths.get(args[1]);
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!Files.exists(go) && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
        }
        Properties credentials = new Properties();
        if (System.getenv("APP_USER") != null) {
            credentials.setProperty("user", System.getenv("APP_USER"));
            credentials.setProperty("password", System.getenv("APP_PASSWORD"));
        }
        try (Connection connection = DriverManager.getConnection(args[0], credentials);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM sluice_schema_history")) {
            rs.next();
            System.out.println("connection-class=" + connection.getClass().getName());
            System.out.println("history-rows=" + rs.getLong(1));
        } catch (SQLException e) {
            System.out.println("sqlstate=" + e.getSQLState());
            System.out.println("message=" + e.getMessage());
            System.exit(3);
        }
    }
}
