package io.sluice.driver;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * An application instance with a 16-connection HikariCP pool on {@code args[0]}: says it is
 * ready ({@code args[2]}), waits for the start file ({@code args[1]}), then 16 threads take a
 * connection each and read the history table. Credentials from {@code APP_USER}/{@code APP_PASSWORD}.
 */
public final class PooledApp {
    private static final int THREADS = 16;

    public static void main(String[] args) throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(args[0]);
        config.setUsername(System.getenv("APP_USER"));
        config.setPassword(System.getenv("APP_PASSWORD"));
        config.setMaximumPoolSize(THREADS);
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(120_000);
        Files.createFile(Paths.get(args[2]));
        Path go = Paths.get(args[1]);
        while (!Files.exists(go)) {
            TimeUnit.MILLISECONDS.sleep(2);
        }
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            CountDownLatch together = new CountDownLatch(THREADS);
            List<Future<Long>> rows = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                rows.add(threads.submit(() -> {
                    try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
                        together.countDown();
                        together.await(1, TimeUnit.MINUTES); // all 16 connections out at once
                        try (ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM sluice_schema_history")) {
                            rs.next();
                            return rs.getLong(1);
                        }
                    }
                }));
            }
            for (Future<Long> count : rows) {
                System.out.println("history-rows=" + count.get(2, TimeUnit.MINUTES));
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
