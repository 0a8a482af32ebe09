package io.sluice.driver;

import io.sluice.testing.JavaProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LockTest {
    @TempDir
    Path dir;

    @Test
    void theGateWaitsLongerThanSqliteDefaultForAnotherProcessWriteAndSucceeds() throws Exception {
        LegacyDatabase db = new LegacyDatabase(dir).seeded().withStandardMigrations();
        Process writer = holdWriteLock(db, 4_000);
        long start = System.nanoTime();

        try (Connection connection = DriverManager.getConnection(db.sluiceUrl())) {
            assertEquals("org.sqlite.jdbc4.JDBC4Connection", connection.getClass().getName());
        }

        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) > 3_000, "did not wait for the writer");
        assertEquals(0, writer.waitFor(), "the writer failed");
        assertEquals(3, db.count("SELECT COUNT(*) FROM sluice_schema_history WHERE success = 1"));
    }

    @Test
    void aShortLockTimeoutFailsAsTransientAndTheNextConnectSucceeds() throws Exception {
        LegacyDatabase db = new LegacyDatabase(dir).seeded().withStandardMigrations();
        String url = db.sluiceUrl("sluice.lockTimeout=PT0.5S");
        Process writer = holdWriteLock(db, 3_000);

        SQLException transientFailure = assertThrows(SQLException.class, () -> DriverManager.getConnection(url));
        assertEquals("08001", transientFailure.getSQLState());
        assertTrue(transientFailure.getMessage().contains("sluice.lockTimeout"), transientFailure.getMessage());
        assertEquals(0, db.count("SELECT COUNT(*) FROM sqlite_master WHERE name = 'cashback_account'"));

        assertEquals(0, writer.waitFor(), "the writer failed");
        try (Connection connection = DriverManager.getConnection(url)) {
            assertEquals(50, db.count("SELECT COUNT(*) FROM cashback_account"));
        }
    }

    @Test
    void aJvmKilledInTheMiddleOfMigratingLeavesNothingHalfAppliedAndTheNextStartMigratesOnce() throws Exception {
        LegacyDatabase db = new LegacyDatabase(dir).seeded();
        db.migration("V1__cashback.sql", "CREATE TABLE cashback_account (id INTEGER PRIMARY KEY, user_id INTEGER, balance INTEGER);");
        db.migration("V3__loan_split.sql", "CREATE TABLE loan_split (id INTEGER PRIMARY KEY);");
        String url = db.sluiceUrl() + ",classpath:db/slow";
        String contentBefore = db.originalContentDigest();
        Path marker = dir.resolve("migrating");

        Process victim = JavaProcess.of(GatedApp.class).args(url).systemProperty("test.slowMarker", marker.toString())
                .start(dir.resolve("victim.log"));
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (!Files.exists(marker)) {
            assertTrue(System.nanoTime() < deadline && victim.isAlive(), JavaProcess.read(dir.resolve("victim.log")));
            TimeUnit.MILLISECONDS.sleep(5);
        }
        victim.destroyForcibly().waitFor(); // SIGKILL: no shutdown hooks, no rollback by the JVM

        assertEquals(contentBefore, db.originalContentDigest());
        assertEquals(0, db.count("SELECT COUNT(*) FROM sqlite_master WHERE name IN ('cashback_account', 'sluice_schema_history')"),
                "the killed run left part of its work");

        JavaProcess.Result next = JavaProcess.of(GatedApp.class).args(url).run(dir.resolve("next.log"), Duration.ofMinutes(1));
        assertEquals(0, next.exitCode(), next.output());
        assertEquals(50, db.count("SELECT COUNT(*) FROM cashback_account"), "the data migration ran other than once");
        assertEquals(3, db.count("SELECT COUNT(*) FROM sluice_schema_history WHERE success = 1"));
        assertEquals(contentBefore, db.originalContentDigest());
    }

    private Process holdWriteLock(LegacyDatabase db, long millis) throws Exception {
        Path ready = dir.resolve("writer-ready");
        Process writer = JavaProcess.of(HoldWriteLock.class).args(db.plainUrl(), Long.toString(millis), ready.toString())
                .start(dir.resolve("writer.log"));
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (!Files.exists(ready)) {
            assertTrue(System.nanoTime() < deadline && writer.isAlive(), JavaProcess.read(dir.resolve("writer.log")));
            TimeUnit.MILLISECONDS.sleep(5);
        }
        return writer;
    }
}
