package io.sluice.benchmarks.mains;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * {@code AppMain URL}: a tiny app that knows nothing of Sluice: it connects with its database's own
 * URL and counts its tables. Started alone and under {@code -javaagent:sluice-agent.jar}.
 */
public final class AppMain {
    private AppMain() {
    }

    public static void main(String[] args) throws SQLException {
        long start = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(args[0]);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM sqlite_master")) {
            rows.next();
            System.out.println("bench: tables=" + rows.getInt(1));
        }
        Memory.report(start);
    }
}
