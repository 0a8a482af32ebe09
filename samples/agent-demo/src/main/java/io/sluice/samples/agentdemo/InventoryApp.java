package io.sluice.samples.agentdemo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A legacy inventory app that has never heard of Sluice: plain {@code jdbc:sqlite:}, plain
 * {@link DriverManager}, and tables it expects to exist. Started with
 * {@code -javaagent:sluice-agent.jar=locations=filesystem:samples/agent-demo/migrations}, its first
 * connect brings the database up to date; without the agent, it fails on the missing tables.
 *
 * <p>Usage: {@code java -jar agent-demo.jar [database file]} (default {@code data/inventory.db}).
 */
public final class InventoryApp {
    public static void main(String[] args) throws Exception {
        // One line per log record, so the agent's report reads as a short story on the console.
        System.setProperty("java.util.logging.SimpleFormatter.format", "[%4$s] %5$s%6$s%n");
        Path database = Paths.get(args.length > 0 ? args[0] : "data/inventory.db").toAbsolutePath();
        Files.createDirectories(database.getParent());

        String url = "jdbc:sqlite:" + database;
        System.out.println("inventory: connecting to " + url);
        try (Connection connection = DriverManager.getConnection(url)) {
            System.out.println("inventory: got " + connection.getClass().getName());
            receive(connection, "bolt", 100);
            report(connection);
        } catch (SQLException e) {
            System.err.println("inventory: cannot start: " + e.getMessage() + " [SQLState " + e.getSQLState() + "]");
            System.exit(1);
        }
    }

    private static void receive(Connection connection, String product, int quantity) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO stock_movement (product_id, quantity) "
                + "SELECT id, ? FROM product WHERE name = ?")) {
            insert.setInt(1, quantity);
            insert.setString(2, product);
            insert.executeUpdate();
        }
    }

    private static void report(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet stock = statement.executeQuery("SELECT p.name, COALESCE(SUM(m.quantity), 0) FROM product p "
                     + "LEFT JOIN stock_movement m ON m.product_id = p.id GROUP BY p.name ORDER BY p.name")) {
            StringBuilder line = new StringBuilder("inventory: in stock:");
            while (stock.next()) {
                line.append(' ').append(stock.getString(1)).append('=').append(stock.getLong(2));
            }
            System.out.println(line);
        }
    }
}
