package io.sluice.benchmarks.mains;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * {@code PoolMain jdbc:sluice:URL USER SIZE}: an instance of an app starting: a HikariCP pool of
 * SIZE connections through Sluice's driver, ready when its first connection has passed the gate
 * and the pool holds all SIZE. Prints {@code ready_ms}, from the start of {@code main}.
 */
public final class PoolMain {
    private PoolMain() {
    }

    public static void main(String[] args) throws SQLException, InterruptedException {
        long start = System.nanoTime();
        int size = Integer.parseInt(args[2]);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(args[0]);
        if (!args[1].equals("-")) {
            config.setUsername(args[1]);
        }
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        config.setConnectionTimeout(300_000);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            try (Connection connection = pool.getConnection()) {
                connection.isValid(5);
            }
            // HikariCP fills the pool on its own thread and offers nothing to wait on: poll, with a deadline.
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (pool.getHikariPoolMXBean().getTotalConnections() < size) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the pool holds " + pool.getHikariPoolMXBean().getTotalConnections()
                            + " of " + size + " connections after 5 minutes");
                }
                Thread.sleep(1);
            }
            System.out.println("bench: ready_ms=" + (System.nanoTime() - start) / 1_000_000);
        }
    }
}
