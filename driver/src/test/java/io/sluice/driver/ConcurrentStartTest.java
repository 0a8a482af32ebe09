package io.sluice.driver;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.sluice.testing.JavaProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConcurrentStartTest {
    private static final int THREADS = 32;
    private static final int JVMS = 3;

    @TempDir
    Path dir;

    private void awaitReady(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        for (int i = 0; i < count; i++) {
            while (!Files.exists(dir.resolve("ready" + i))) {
                assertTrue(System.nanoTime() < deadline, "jvm " + i + " never got ready");
                TimeUnit.MILLISECONDS.sleep(5);
            }
        }
    }

    @Test
    void threadsOfAPoolAndOtherJvmsStartingAtOnceMigrateExactlyOnce() throws Exception {
        LegacyDatabase db = new LegacyDatabase(dir).seeded().withStandardMigrations();
        Path go = dir.resolve("go");
        List<Process> jvms = new ArrayList<>();
        for (int i = 0; i < JVMS; i++) {
            jvms.add(JavaProcess.of(GatedApp.class).args(db.sluiceUrl(), go.toString(), dir.resolve("ready" + i).toString()).start(dir.resolve("jvm" + i + ".log")));
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.sluiceUrl());
        config.setMaximumPoolSize(8);
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(120_000);
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Long>> results = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                results.add(threads.submit(() -> {
                    start.await();
                    try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
                         ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM cashback_account")) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }));
            }
            awaitReady(JVMS);
            Files.createFile(go);
            start.countDown();
            for (Future<Long> result : results) {
                assertEquals(50L, result.get(2, TimeUnit.MINUTES), "a thread saw an unmigrated database");
            }
        } finally {
            threads.shutdownNow();
        }
        for (int i = 0; i < JVMS; i++) {
            Process jvm = jvms.get(i);
            assertTrue(jvm.waitFor(2, TimeUnit.MINUTES), "jvm " + i + " hangs");
            String output = JavaProcess.read(dir.resolve("jvm" + i + ".log"));
            assertEquals(0, jvm.exitValue(), output);
            assertTrue(output.contains("connection-class=org.sqlite"), output);
        }
        for (String version : List.of("1", "2", "3")) {
            assertEquals(1, db.count("SELECT COUNT(*) FROM sluice_schema_history WHERE version = '" + version + "'"),
                    "history rows of version " + version);
        }
        assertEquals(50, db.count("SELECT COUNT(*) FROM cashback_account"), "the data migration ran more than once");
        assertEquals(1, db.backupFiles().size(), "only the migrating process takes a backup");
    }
}
