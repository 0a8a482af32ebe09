package io.sluice.benchmarks.mains;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** {@code FloorMain URL USER}: one connection and {@code SELECT max(version)} of the raw loop's history. */
public final class FloorMain {
    private FloorMain() {
    }

    public static void main(String[] args) throws SQLException {
        long start = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(args[0], Memory.login(args[1]));
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT max(version) FROM raw_history")) {
            rows.next();
            if (rows.getInt(1) == 0) {
                throw new IllegalStateException("no history");
            }
        }
        Memory.report(start);
    }
}
