package io.sluice.samples.metrics;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import com.zaxxer.hikari.pool.HikariPool.PoolInitializationException;
import io.micrometer.core.instrument.MeterRegistry;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The service's data: a HikariCP pool whose first connection passes Sluice's gate. */
final class Accounts implements AutoCloseable {
    private final HikariDataSource pool; // null when the gate failed
    private final String failure;

    private Accounts(HikariDataSource pool, String failure) {
        this.pool = pool;
        this.failure = failure;
    }

    /**
     * Opens the pool; HikariCP connects once while starting, so the gate has run (and migrated)
     * when this returns. A failed gate leaves the service up without a pool, so /metrics still
     * shows operators what went wrong.
     */
    static Accounts open(String url, String user, String password, MeterRegistry registry) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("metrics-app");
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(4);
        config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        try {
            return new Accounts(new HikariDataSource(config), null);
        } catch (PoolInitializationException e) {
            String reason = (e.getCause() != null ? e.getCause() : e).getMessage();
            System.err.println("metrics-app: the database gate failed: " + reason);
            return new Accounts(null, reason);
        }
    }

    MetricsServer.Status status() {
        if (pool == null) {
            return new MetricsServer.Status(false, "gate failed: " + failure);
        }
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT (SELECT SUM(accounts) FROM account_summary),"
                     + " (SELECT MAX(version) FROM sluice_schema_history WHERE success AND version IS NOT NULL)")) {
            rs.next();
            return new MetricsServer.Status(true, rs.getLong(1) + " accounts, schema version " + rs.getString(2));
        } catch (SQLException e) {
            return new MetricsServer.Status(false, "database unavailable: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.close();
        }
    }
}
