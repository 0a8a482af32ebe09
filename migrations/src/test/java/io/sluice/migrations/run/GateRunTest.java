package io.sluice.migrations.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.migrations.config.Setting;
import io.sluice.migrations.config.Settings;
import io.sluice.migrations.connect.GatedDatabase;
import io.sluice.migrations.dialect.sqlite.SqliteDialect;
import io.sluice.migrations.error.Problem;
import io.sluice.migrations.error.SluiceException;
import io.sluice.migrations.resolve.Checksums;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole gate on a real SQLite file, through sqlite-jdbc's own driver. */
class GateRunTest {
    private static final String V1 = """
        CREATE TABLE loans (id INTEGER PRIMARY KEY, amount INTEGER NOT NULL);
        INSERT INTO loans (amount) VALUES (100);
        INSERT INTO loans (amount) VALUES (250);
        """;
    private static final String V2 = """
        CREATE TABLE payments (id INTEGER PRIMARY KEY, loan_id INTEGER REFERENCES loans(id));
        CREATE INDEX payments_loan ON payments (loan_id);
        """;

    @TempDir
    Path temp;

    private Path database;
    private Path scripts;


    @BeforeEach
    void layout() throws IOException {
        database = Files.createDirectories(temp.resolve("data")).resolve("app.db");
        scripts = Files.createDirectories(temp.resolve("sql"));
        script("V1__Create_loans.sql", V1);
        script("V2__Create_payments.sql", V2);
    }

    private void script(String name, String text) throws IOException {
        Files.writeString(scripts.resolve(name), text);
    }

    private String url() {
        return "jdbc:sqlite:" + database;
    }

    private Settings.Builder settings() throws SluiceException {
        return new Settings.Builder().put(Setting.LOCATIONS, "filesystem:" + scripts, "the test");
    }

    private GateReport run() throws SQLException {
        return run(settings());
    }

    private GateReport run(Settings.Builder settings) throws SQLException {
        return new GateRun(new SqliteDialect(), url(), new SqliteConnector(url()), settings.build()).run();
    }

    private Connection open(Path file) throws SQLException {
        return new org.sqlite.JDBC().connect("jdbc:sqlite:" + file, new Properties());
    }

    private List<String> query(Path file, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = open(file); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(String.join("|", row));
            }
        }
        return rows;
    }

    private void execute(Path file, String sql) throws SQLException {
        try (Connection connection = open(file); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private List<String> tables(Path file) throws SQLException {
        return query(file, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    }

    private List<Path> backups() throws IOException {
        Path folder = database.getParent().resolve("backups");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".db")).sorted().toList();
        }
    }

    // --- first and second run --------------------------------------------------------------------

    @Test
    void firstRunAppliesEveryMigrationInOrder() throws Exception {
        GateReport report = run();

        assertEquals(List.of("V1__Create_loans.sql", "V2__Create_payments.sql"), report.applied());
        assertNull(report.versionBefore());
        assertEquals("2", report.versionAfter().toString());
        assertEquals(List.of("loans", "payments", "sluice_schema_history"), tables(database));
        assertEquals(List.of("100", "250"), query(database, "SELECT amount FROM loans ORDER BY id"));
        assertEquals("sqlite", report.dialect());
        assertEquals("app", report.database());
        for (GateStep step : GateStep.values()) {
            assertEquals(StepOutcome.SUCCESS, report.steps().get(step).outcome(), step.tag());
        }
    }

    @Test
    void firstRunRecordsOneSuccessfulHistoryRowPerMigrationWithChecksumAndBackup() throws Exception {
        GateReport report = run();

        assertEquals(List.of(
                "1|1|Create loans|SQL|V1__Create_loans.sql|" + Checksums.sha256(V1) + "|1|0|" + report.backup(),
                "2|2|Create payments|SQL|V2__Create_payments.sql|" + Checksums.sha256(V2) + "|1|0|" + report.backup()),
            query(database, "SELECT installed_rank, version, description, type, script, checksum, success, adopted,"
                + " backup FROM sluice_schema_history ORDER BY installed_rank"));
    }

    @Test
    void firstRunWritesAnOwnerOnlyVerifiedBackupOfTheDatabaseBeforeMigrating() throws Exception {
        execute(database, "CREATE TABLE existing (id INTEGER PRIMARY KEY, name TEXT)");
        execute(database, "INSERT INTO existing (name) VALUES ('a'), ('b'), ('c')");

        GateReport report = run();

        Path backup = report.backup();
        assertNotNull(backup);
        assertEquals(database.getParent().resolve("backups"), backup.getParent());
        assertTrue(backup.getFileName().toString().matches("app-\\d{8}T\\d{6}Z-v0-to-v2\\.db"), backup.toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(backup)));
        assertEquals(List.of("ok"), query(backup, "PRAGMA integrity_check"));
        assertEquals(List.of("existing"), tables(backup));
        assertEquals(List.of("3"), query(backup, "SELECT COUNT(*) FROM existing"));
        assertEquals(List.of(backup), backups());
    }

    @Test
    void theBackupsCheckOfItsCopyIsReportedApartWithinTheBackupStep() throws Exception {
        GateReport report = run();

        Duration step = report.steps().get(GateStep.BACKUP).duration();
        Duration check = report.backupCheck();
        assertNotNull(check);
        assertTrue(!check.isNegative() && !check.isZero() && check.compareTo(step) <= 0, check + " of " + step);
        assertTrue(report.toString().contains("backup " + step.toMillis() + " ms (check of the copy " + check.toMillis()
                + " ms),"), report.toString());
        assertNull(run().backupCheck(), "nothing pending: no copy was checked");
    }

    @Test
    void secondRunAppliesNothingAndTakesNoBackup() throws Exception {
        GateReport first = run();

        GateReport second = run();

        assertEquals(List.of(), second.applied());
        assertNull(second.backup());
        assertEquals("2", second.versionBefore().toString());
        assertEquals("2", second.versionAfter().toString());
        // SPEC §4 step 3: the unlocked history read already showed nothing pending
        assertEquals(StepOutcome.SKIPPED, second.steps().get(GateStep.LOCK).outcome());
        assertEquals(StepOutcome.SUCCESS, second.steps().get(GateStep.INSPECT).outcome());
        assertEquals(StepOutcome.SKIPPED, second.steps().get(GateStep.BACKUP).outcome());
        assertEquals(StepOutcome.SKIPPED, second.steps().get(GateStep.MIGRATE).outcome());
        assertEquals(StepOutcome.SKIPPED, second.steps().get(GateStep.VERIFY).outcome());
        assertEquals(StepOutcome.SUCCESS, second.steps().get(GateStep.TOTAL).outcome());
        assertEquals(List.of(first.backup()), backups());
        assertEquals(List.of("2"), query(database, "SELECT COUNT(*) FROM sluice_schema_history"));
    }

    @Test
    void newMigrationIsAppliedAloneWithABackupNamedForTheVersions() throws Exception {
        run();
        script("V3__Add_note.sql", "ALTER TABLE loans ADD COLUMN note TEXT;\n");

        GateReport report = run();

        assertEquals(List.of("V3__Add_note.sql"), report.applied());
        assertTrue(report.backup().getFileName().toString().matches("app-\\d{8}T\\d{6}Z-v2-to-v3\\.db"),
            report.backup().toString());
        assertEquals(List.of("3"), query(database, "SELECT MAX(installed_rank) FROM sluice_schema_history"));
    }

    @Test
    void backupProgressCountsThePagesCopiedUpToTheWholeDatabase() throws Exception {
        execute(database, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)");
        execute(database, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) "
                + "INSERT INTO notes (body) SELECT printf('%0500d', i) FROM n");
        long pages = Long.parseLong(query(database, "PRAGMA page_count").get(0));
        List<int[]> reported = new ArrayList<>();

        GateReport report = new GateRun(new SqliteDialect(), url(), new SqliteConnector(url()), settings().build())
                .backupProgress((done, total) -> reported.add(new int[] {done, total})).run();

        assertNotNull(report.backup());
        assertTrue(reported.size() > 1, "one report per step of 100 pages: " + reported.size());
        int[] last = reported.get(reported.size() - 1);
        assertEquals(pages, last[1]);
        assertEquals(last[1], last[0]);
        assertEquals(List.of("2000"), query(report.backup(), "SELECT COUNT(*) FROM notes"));
    }

    @Test
    void noBackupIsTakenWithBackupNone() throws Exception {
        GateReport report = run(settings().put(Setting.BACKUP, "none", "the test"));

        assertNull(report.backup());
        assertEquals(StepOutcome.SKIPPED, report.steps().get(GateStep.BACKUP).outcome());
        assertEquals(List.of(), backups());
        assertEquals(2, report.applied().size());
    }

    // --- failure ---------------------------------------------------------------------------------

    @Test
    void failingStatementRollsBackTheWholeMigrationAndNamesFileLineErrorAndBackup() throws Exception {
        run();
        script("V3__Break_things.sql", """
            CREATE TABLE v3_first (id INTEGER);
            INSERT INTO v3_first VALUES (1);

            INSERT INTO no_such_table VALUES (1);
            CREATE TABLE v3_never (id INTEGER);
            """);

        SluiceException e = assertThrows(SluiceException.class, this::run);

        assertEquals("08004", e.getSQLState());
        assertEquals(Problem.MIGRATION_FAILED, e.problem());
        List<Path> backups = backups();
        Path backup = backups.stream().filter(file -> file.getFileName().toString().contains("-v2-to-v3"))
            .findFirst().orElseThrow(() -> new AssertionError("no v2-to-v3 backup in " + backups));
        String message = e.getMessage();
        assertTrue(message.contains("V3__Break_things.sql"), message);
        assertTrue(message.contains("line 4"), message);
        assertTrue(message.contains("no such table"), message);
        assertTrue(message.contains(backup.toString()), message);
        assertTrue(message.startsWith("app: "), message);
        assertEquals(List.of("loans", "payments", "sluice_schema_history"), tables(database));
        assertEquals(List.of("ok"), query(backup, "PRAGMA integrity_check"));
    }

    @Test
    void failureCarriesTheReportOfWhatRanBefore() throws Exception {
        run();
        script("V3__Break_things.sql", "INSERT INTO no_such_table VALUES (1);\n");

        GateReport report = assertThrows(SluiceException.class, this::run).report();

        assertNotNull(report);
        assertEquals(StepOutcome.SUCCESS, report.steps().get(GateStep.BACKUP).outcome());
        assertEquals(StepOutcome.FAILURE, report.steps().get(GateStep.MIGRATE).outcome());
        assertFalse(report.steps().containsKey(GateStep.VERIFY));
        assertEquals(StepOutcome.FAILURE, report.steps().get(GateStep.TOTAL).outcome());
        assertEquals(List.of(), report.applied());
        assertNotNull(report.backup());
    }

    @Test
    void fixedMigrationRunsOnTheNextStartDespiteTheFailedRow() throws Exception {
        run();
        script("V3__Add_note.sql", "CREATE TABLE v3_first (id INTEGER);\nINSERT INTO no_such_table VALUES (1);\n");
        assertThrows(SluiceException.class, this::run);
        script("V3__Add_note.sql", "CREATE TABLE v3_first (id INTEGER);\nINSERT INTO v3_first VALUES (1);\n");

        GateReport report = run();

        assertEquals(List.of("V3__Add_note.sql"), report.applied());
        assertEquals(List.of("1"), query(database, "SELECT COUNT(*) FROM v3_first"));
        assertEquals(List.of("3|0", "3|1"),
            query(database, "SELECT version, success FROM sluice_schema_history WHERE version = '3' ORDER BY installed_rank"));
    }

    @Test
    void changedAppliedFileStopsTheGateAndChangesNothing() throws Exception {
        run();
        script("V1__Create_loans.sql", V1 + "INSERT INTO loans (amount) VALUES (999);\n");
        script("V3__Add_note.sql", "ALTER TABLE loans ADD COLUMN note TEXT;\n");

        SluiceException e = assertThrows(SluiceException.class, this::run);

        assertEquals(Problem.CHECKSUM_MISMATCH, e.problem());
        assertTrue(e.getMessage().contains("V1__Create_loans.sql"), e.getMessage());
        assertEquals(List.of("2"), query(database, "SELECT COUNT(*) FROM loans"));
        assertEquals(List.of("2"), query(database, "SELECT COUNT(*) FROM sluice_schema_history"));
        assertEquals(1, backups().size());
    }

    // --- future versions -------------------------------------------------------------------------

    private void historyRowOfVersion99() throws SQLException {
        execute(database, "INSERT INTO sluice_schema_history (installed_rank, version, description, type, script,"
            + " checksum, installed_by, execution_time_ms, success) VALUES (3, '99', 'From the future', 'SQL',"
            + " 'V99__From_the_future.sql', 'sha256:00', 'newer@host', 1, 1)");
    }

    @Test
    void futureVersionIsRefusedWithOnFutureFail() throws Exception {
        run();
        historyRowOfVersion99();

        SluiceException e = assertThrows(SluiceException.class,
            () -> run(settings().put(Setting.ON_FUTURE, "fail", "the test")));

        assertEquals(Problem.FUTURE_VERSION, e.problem());
        assertEquals("08004", e.getSQLState());
        assertTrue(e.getMessage().contains("99"), e.getMessage());
        assertTrue(e.getMessage().contains("sluice.onFuture"), e.getMessage());
    }

    @Test
    void futureVersionOnlyWarnsByDefault() throws Exception {
        run();
        historyRowOfVersion99();

        GateReport report = run();

        assertEquals(List.of(), report.applied());
        assertEquals("99", report.versionAfter().toString());
    }

    // --- settings --------------------------------------------------------------------------------

    @Test
    void historyTableIsNamedBySluiceTable() throws Exception {
        run(settings().put(Setting.TABLE, "gate_history", "the test"));

        assertEquals(List.of("gate_history", "loans", "payments"), tables(database));
        assertEquals(List.of("2"), query(database, "SELECT COUNT(*) FROM gate_history"));
    }

    @Test
    void backupDirSettingChoosesTheBackupFolder() throws Exception {
        Path elsewhere = temp.resolve("elsewhere");

        GateReport report = run(settings().put(Setting.BACKUP_DIR, elsewhere.toString(), "the test"));

        assertEquals(elsewhere, report.backup().getParent());
        assertEquals(List.of(), backups());
    }

    @Test
    void targetStopsAtItsVersion() throws Exception {
        GateReport report = run(settings().put(Setting.TARGET, "1", "the test"));

        assertEquals(List.of("V1__Create_loans.sql"), report.applied());
        assertFalse(tables(database).contains("payments"));
    }

    @Test
    void explicitMissingLocationIsRefusedBeforeAnythingIsWritten() throws Exception {
        Settings.Builder settings = new Settings.Builder()
            .put(Setting.LOCATIONS, "filesystem:" + temp.resolve("missing"), "the test");

        SluiceException e = assertThrows(SluiceException.class, () -> run(settings));

        assertEquals(Problem.INVALID_SETTING, e.problem());
        assertEquals(List.of(), tables(database));
    }

    @Test
    void gatedDatabaseRunsTheGateWithUrlParameters() throws Exception {
        String url = "jdbc:sluice:sqlite:" + database + "?sluice.table=url_history&sluice.locations=filesystem:"
            + scripts;

        GateReport report = GatedDatabase.resolve(url, new Properties()).newRun().run();

        assertEquals(2, report.applied().size());
        assertEquals(List.of("loans", "payments", "url_history"), tables(database));
    }
}
