package io.sluice.driver;

import io.sluice.Sluice;
import io.sluice.migrations.run.GateReport;
import io.sluice.migrations.run.GateStep;
import io.sluice.migrations.run.StepOutcome;
import io.sluice.testing.JavaProcess;
import io.sluice.testing.SqliteDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FirstStartTest {
    @TempDir
    Path dir;

    @Test
    void firstConnectMigratesBacksUpAndHandsBackTheSqliteConnection() throws Exception {
        LegacyDatabase db = new LegacyDatabase(dir).seeded().withStandardMigrations();
        String contentBefore = db.originalContentDigest();
        Map<String, Long> countsBefore = SqliteDigest.rowCounts(db.plainUrl());

        try (Connection connection = DriverManager.getConnection(db.sluiceUrl())) {
            assertEquals("org.sqlite.jdbc4.JDBC4Connection", connection.getClass().getName());
        }

        assertEquals(3, db.count("SELECT COUNT(*) FROM sluice_schema_history WHERE success = 1"));
        assertEquals(50, db.count("SELECT COUNT(*) FROM cashback_account"));
        assertEquals(contentBefore, db.originalContentDigest(), "pre-existing values changed");

        List<Path> backups = db.backupFiles();
        assertEquals(1, backups.size(), "one backup: " + backups);
        Path backup = backups.get(0);
        assertTrue(backup.getFileName().toString().matches("app-\\d{8}T\\d{6}Z-v0-to-v3\\.db"), backup.toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(backup)));
        String backupUrl = "jdbc:sqlite:" + backup;
        assertEquals(1, SqliteDigest.longValue(backupUrl, "SELECT COUNT(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"));
        assertEquals(countsBefore, SqliteDigest.rowCounts(backupUrl), "backup holds the pre-migration rows");
        assertEquals(backup.toString(), stringValue(db, "SELECT backup FROM sluice_schema_history WHERE version = '3'"));
    }

    @Test
    void secondStartInANewJvmTakesNoBackupAndWritesNoHistoryRow() throws Exception {
        LegacyDatabase db = new LegacyDatabase(dir).seeded().withStandardMigrations();
        JavaProcess.Result first = JavaProcess.of(GatedApp.class).args(db.sluiceUrl())
                .run(dir.resolve("first.log"), Duration.ofMinutes(1));
        assertEquals(0, first.exitCode(), first.output());
        String afterFirst = SqliteDigest.of(db.plainUrl(), SqliteDigest.tables(db.plainUrl()));
        long modifiedAfterFirst = Files.getLastModifiedTime(db.file).toMillis();

        JavaProcess.Result second = JavaProcess.of(GatedApp.class).args(db.sluiceUrl())
                .run(dir.resolve("second.log"), Duration.ofMinutes(1));

        assertEquals(0, second.exitCode(), second.output());
        assertTrue(second.output().contains("history-rows=3"), second.output());
        assertTrue(second.output().contains("nothing pending"), second.output());
        assertEquals(1, db.backupFiles().size(), "the second start took a backup");
        assertEquals(afterFirst, SqliteDigest.of(db.plainUrl(), SqliteDigest.tables(db.plainUrl())));
        assertEquals(modifiedAfterFirst, Files.getLastModifiedTime(db.file).toMillis(), "the database file was written");
    }

    @Test
    void nothingPendingRecordsBackupMigrateAndVerifyAsSkipped() throws Exception {
        LegacyDatabase db = new LegacyDatabase(dir).seeded().withStandardMigrations();
        Sluice.migrate(db.sluiceUrl(), new Properties());

        GateReport report = Sluice.migrate(db.sluiceUrl(), new Properties());

        assertTrue(report.applied().isEmpty());
        assertNull(report.backup());
        for (GateStep step : List.of(GateStep.BACKUP, GateStep.MIGRATE, GateStep.VERIFY)) {
            assertEquals(StepOutcome.SKIPPED, report.steps().get(step).outcome(), step.tag());
        }
        assertEquals(StepOutcome.SUCCESS, report.steps().get(GateStep.TOTAL).outcome());
        assertEquals("3", report.versionAfter().toString());
    }

    @Test
    void retentionDeletesOnlyTheOldestBackupsBeyondTheLimit() throws Exception {
        LegacyDatabase db = new LegacyDatabase(dir).seeded();
        Files.createDirectories(db.backups());
        Path otherDatabase = Files.writeString(db.backups().resolve("app-old-20200101T000000Z-v0-to-v1.db"), "x");
        Path unrelated = Files.writeString(db.backups().resolve("notes.txt"), "keep me");

        for (int version = 1; version <= 4; version++) {
            db.migration("V" + version + "__step_" + version + ".sql", "CREATE TABLE t" + version + " (id INTEGER);");
            Sluice.migrate(db.sluiceUrl("sluice.backupRetain=2"), new Properties());
        }

        List<String> kept = db.backupFiles().stream().map(p -> p.getFileName().toString())
                .filter(name -> name.startsWith("app-2")).toList();
        assertEquals(2, kept.size(), kept.toString());
        assertTrue(kept.get(0).endsWith("-v2-to-v3.db") && kept.get(1).endsWith("-v3-to-v4.db"), kept.toString());
        assertTrue(Files.exists(otherDatabase) && Files.exists(unrelated), "deleted another database's files");
    }

    private static String stringValue(LegacyDatabase db, String query) throws Exception {
        try (Connection connection = DriverManager.getConnection(db.plainUrl());
             var statement = connection.createStatement(); var rs = statement.executeQuery(query)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
