package io.sluice.driver;

import io.sluice.Sluice;
import io.sluice.migrations.error.Problem;
import io.sluice.migrations.error.SluiceException;
import io.sluice.migrations.run.GateReport;
import io.sluice.testing.JavaProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FailureTest {
    private static final String BROKEN_V2 = """
            CREATE TABLE loan_split (id INTEGER PRIMARY KEY, loan_id INTEGER NOT NULL);
            ALTER TABLE payments ADD COLUMN loan_split_id INTEGER;

            INSERT INTO loan_split (loan_id) SELECT id FROM loanz;
            """;

    @TempDir
    Path dir;

    @Test
    void failingStatementLeavesNoTraceOfItsMigrationAndNamesFileLineErrorAndBackup() throws Exception {
        LegacyDatabase db = new LegacyDatabase(dir).seeded();
        db.migration("V1__cashback.sql", "CREATE TABLE cashback_account (id INTEGER PRIMARY KEY);");
        db.migration("V2__loan_split.sql", BROKEN_V2);
        String contentBefore = db.originalContentDigest();

        SQLException refusal = assertThrows(SQLException.class, () -> DriverManager.getConnection(db.sluiceUrl()));

        assertEquals("08004", refusal.getSQLState());
        String message = refusal.getMessage();
        assertTrue(message.contains("V2__loan_split.sql") && message.contains("line 4"), message);
        assertTrue(message.contains("no such table: loanz"), message);
        assertTrue(message.contains(db.backupFiles().get(0).toString()), message);
        assertFalse(message.contains("\n"), "one line: " + message);
        assertEquals(0, db.count("SELECT COUNT(*) FROM sqlite_master WHERE name = 'loan_split'"), "V2 left its table");
        assertEquals(0, db.count("SELECT COUNT(*) FROM pragma_table_info('payments') WHERE name = 'loan_split_id'"));
        assertEquals(0, db.count("SELECT COUNT(*) FROM sluice_schema_history WHERE version = '2' AND success = 1"));
        assertEquals(1, db.count("SELECT COUNT(*) FROM sluice_schema_history WHERE version = '1' AND success = 1"));
        assertEquals(contentBefore, db.originalContentDigest());

        SQLException again = assertThrows(SQLException.class, () -> DriverManager.getConnection(db.sluiceUrl()));
        assertEquals("08004", again.getSQLState());
        assertTrue(again.getMessage().contains("V2__loan_split.sql"), "the JVM keeps refusing: " + again.getMessage());
    }

    @Test
    void aNewJvmWithTheFixedFileSucceeds() throws Exception {
        LegacyDatabase db = new LegacyDatabase(dir).seeded();
        db.migration("V1__loan_split.sql", BROKEN_V2);
        JavaProcess.Result broken = JavaProcess.of(GatedApp.class).args(db.sluiceUrl())
                .run(dir.resolve("broken.log"), Duration.ofMinutes(1));
        assertEquals(3, broken.exitCode(), broken.output());
        assertTrue(broken.output().contains("sqlstate=08004"), broken.output());

        db.migration("V1__loan_split.sql", BROKEN_V2.replace("loanz", "loans"));
        JavaProcess.Result fixed = JavaProcess.of(GatedApp.class).args(db.sluiceUrl())
                .run(dir.resolve("fixed.log"), Duration.ofMinutes(1));

        assertEquals(0, fixed.exitCode(), fixed.output());
        assertEquals(50, db.count("SELECT COUNT(*) FROM loan_split"));
        assertEquals(1, db.count("SELECT COUNT(*) FROM sluice_schema_history WHERE version = '1' AND success = 1"));
    }

    @Test
    void aChangedAppliedFileStopsTheGateAndIsNamed() throws Exception {
        LegacyDatabase db = new LegacyDatabase(dir).seeded().withStandardMigrations();
        Sluice.migrate(db.sluiceUrl(), new Properties());
        db.migration("V2__loan_split.sql", "CREATE TABLE loan_split (id INTEGER PRIMARY KEY, share REAL);");

        SluiceException refusal = assertThrows(SluiceException.class, () -> Sluice.migrate(db.sluiceUrl(), new Properties()));

        assertEquals(Problem.CHECKSUM_MISMATCH, refusal.problem());
        assertEquals("08004", refusal.getSQLState());
        assertTrue(refusal.getMessage().contains("V2__loan_split.sql"), refusal.getMessage());
    }

    @Test
    void lineEndingsAndAByteOrderMarkAloneAreNotAChange() throws Exception {
        LegacyDatabase db = new LegacyDatabase(dir).seeded().withStandardMigrations();
        Sluice.migrate(db.sluiceUrl(), new Properties());
        Path v1 = db.migrations.resolve("V1__cashback_accounts.sql");
        String crlf = Files.readString(v1).replace("\n", "\r\n");
        Files.write(v1, ("\uFEFF" + crlf).getBytes(StandardCharsets.UTF_8));

        GateReport report = Sluice.migrate(db.sluiceUrl(), new Properties());

        assertTrue(report.applied().isEmpty());
    }

    @Test
    void aDatabaseAheadOfTheCodeWarnsByDefaultAndIsRefusedWithOnFutureFail() throws Exception {
        LegacyDatabase db = new LegacyDatabase(dir).seeded().withStandardMigrations();
        db.migration("V4__newer_code.sql", "CREATE TABLE newer (id INTEGER);");
        Sluice.migrate(db.sluiceUrl(), new Properties());
        Files.delete(db.migrations.resolve("V4__newer_code.sql"));

        GateReport warned = Sluice.migrate(db.sluiceUrl(), new Properties());
        assertEquals("4", warned.versionAfter().toString());

        SluiceException refusal = assertThrows(SluiceException.class,
                () -> Sluice.migrate(db.sluiceUrl("sluice.onFuture=fail"), new Properties()));
        assertEquals(Problem.FUTURE_VERSION, refusal.problem());
        assertEquals("08004", refusal.getSQLState());
        assertTrue(refusal.getMessage().contains("[4]"), refusal.getMessage());
    }

    @Test
    void aFailedNoTransactionScriptIsUndoneByRestoringTheBackup() throws Exception {
        LegacyDatabase db = new LegacyDatabase(dir).seeded();
        db.migration("V1__cashback.sql", "CREATE TABLE cashback_account (id INTEGER PRIMARY KEY);");
        db.migration("V2__outside.sql", """
                -- sluice:no-transaction
                CREATE TABLE half_done (id INTEGER);
                INSERT INTO half_done SELECT id FROM no_such_table;
                """);
        String contentBefore = db.originalContentDigest();

        SluiceException refusal = assertThrows(SluiceException.class, () -> Sluice.migrate(db.sluiceUrl(), new Properties()));

        assertTrue(refusal.getMessage().contains("V2__outside.sql") && refusal.getMessage().contains("restored"),
                refusal.getMessage());
        assertEquals(0, db.count("SELECT COUNT(*) FROM sqlite_master WHERE name IN ('half_done', 'cashback_account')"));
        assertEquals(contentBefore, db.originalContentDigest());
        assertEquals(List.of(), refusal.report().applied(), "the restore undid V1 too");
        assertEquals(2, refusal.report().pending());
        assertNull(refusal.report().versionAfter());
    }

    @Test
    void aFailedVerifyRollsBackTheWholeRunAndReportsNothingApplied() throws Exception {
        LegacyDatabase db = new LegacyDatabase(dir).seeded();
        try (Connection connection = DriverManager.getConnection(db.plainUrl())) {
            // A trigger the migrations do not know of: a new user silently removes a payment.
            connection.createStatement().execute(
                    "CREATE TRIGGER user_added AFTER INSERT ON users BEGIN DELETE FROM payments WHERE id = 1; END");
        }
        db.migration("V1__tiers.sql", "CREATE TABLE tiers (id INTEGER PRIMARY KEY);");
        db.migration("V2__new_user.sql", "INSERT INTO users (id, name) VALUES (51, 'new');");

        SluiceException refusal = assertThrows(SluiceException.class, () -> Sluice.migrate(db.sluiceUrl(), new Properties()));

        assertEquals(Problem.VERIFY_FAILED, refusal.problem(), refusal.getMessage());
        assertTrue(refusal.getMessage().contains("payments had 50 rows and has 49"), refusal.getMessage());
        assertEquals(0, db.count("SELECT COUNT(*) FROM sqlite_master WHERE name IN ('tiers', 'sluice_schema_history')"));
        assertEquals(50, db.count("SELECT COUNT(*) FROM payments"));
        assertEquals(List.of(), refusal.report().applied());
        assertEquals(2, refusal.report().pending());
        assertNull(refusal.report().versionAfter());
    }

    @Test
    void onFailureServeHandsBackConnectionsToTheOldSchema() throws Exception {
        LegacyDatabase db = new LegacyDatabase(dir).seeded();
        db.migration("V1__loan_split.sql", BROKEN_V2);

        try (Connection connection = DriverManager.getConnection(db.sluiceUrl("sluice.onFailure=serve"))) {
            assertEquals("org.sqlite.jdbc4.JDBC4Connection", connection.getClass().getName());
        }
        assertEquals(0, db.count("SELECT COUNT(*) FROM sqlite_master WHERE name = 'loan_split'"));
    }
}
