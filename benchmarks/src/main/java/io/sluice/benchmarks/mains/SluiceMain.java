package io.sluice.benchmarks.mains;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * {@code SluiceMain jdbc:sluice:URL USER}: an app's first connection through Sluice's driver, which
 * runs the gate; settings come from system properties ({@code -Dsluice.locations=…}).
 */
public final class SluiceMain {
    private SluiceMain() {
    }

    public static void main(String[] args) throws SQLException {
        long start = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(args[0], Memory.login(args[1]))) {
            connection.getAutoCommit();
        }
        Memory.report(start);
    }
}
