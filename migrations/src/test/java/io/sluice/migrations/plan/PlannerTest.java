package io.sluice.migrations.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.migrations.error.Problem;
import io.sluice.migrations.error.SluiceException;
import io.sluice.migrations.model.AppliedMigration;
import io.sluice.migrations.model.MigrationType;
import io.sluice.migrations.model.ResolvedMigration;
import io.sluice.migrations.model.Version;
import io.sluice.migrations.resolve.Checksums;
import io.sluice.migrations.sql.SplitRules;
import io.sluice.migrations.sql.SqlStatement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The planner without a database: history rows and resolved files built by hand. */
class PlannerTest {
    private static final String FOLDER = "filesystem:/srv/app/sql/";

    private final List<AppliedMigration> history = new ArrayList<>();
    private final List<ResolvedMigration> files = new ArrayList<>();

    // --- building the inputs ---------------------------------------------------------------------

    private static String text(String version) {
        return "CREATE TABLE t" + version.replace('.', '_') + " (id INTEGER);\n";
    }

    private static ResolvedMigration versioned(String version, String text) {
        String script = "V" + version + "__step.sql";
        return ResolvedMigration.script(MigrationType.SQL, Version.parse(version), "step", script, FOLDER + script,
            Checksums.sha256(text), text);
    }

    private static ResolvedMigration versioned(String version) {
        return versioned(version, text(version));
    }

    private static ResolvedMigration undoFile(String version) {
        String script = "U" + version + "__step.sql";
        String text = "DROP TABLE t" + version + ";\n";
        return ResolvedMigration.script(MigrationType.UNDO, Version.parse(version), "step", script, FOLDER + script,
            Checksums.sha256(text), text);
    }

    private static ResolvedMigration repeatable(String description, String text) {
        String script = "R__" + description + ".sql";
        return ResolvedMigration.script(MigrationType.REPEATABLE, null, description, script, FOLDER + script,
            Checksums.sha256(text), text);
    }

    private void files(String... versions) {
        for (String version : versions) {
            files.add(versioned(version));
        }
    }

    private void row(String version, MigrationType type, String script, String checksum, boolean success) {
        row(version, "step", type, script, checksum, success);
    }

    private void row(String version, String description, MigrationType type, String script, String checksum,
                     boolean success) {
        history.add(new AppliedMigration(history.size() + 1, version == null ? null : Version.parse(version),
            description, type, script, checksum, "test@host", "2025-01-01T00:00:00Z", 5, success, false, null));
    }

    private void applied(String... versions) {
        for (String version : versions) {
            row(version, MigrationType.SQL, "V" + version + "__step.sql", Checksums.sha256(text(version)), true);
        }
    }

    private void failed(String version) {
        row(version, MigrationType.SQL, "V" + version + "__step.sql", Checksums.sha256(text(version)), false);
    }

    private void undone(String version) {
        row(version, MigrationType.UNDO, "U" + version + "__step.sql", null, true);
    }

    private void baseline(String version) {
        row(version, MigrationType.BASELINE, "<< baseline >>", null, true);
    }

    private void repeatableApplied(String description, String text) {
        row(null, description, MigrationType.REPEATABLE, "R__" + description + ".sql", Checksums.sha256(text), true);
    }

    private Plan plan() throws SluiceException {
        return plan(null);
    }

    private Plan plan(String target) throws SluiceException {
        return new Planner(SplitRules.SQLITE).plan(history, files, target == null ? null : Version.parse(target));
    }

    private static List<String> pending(Plan plan) {
        return plan.pending().stream().map(planned -> planned.migration().script()).toList();
    }

    private static List<String> versions(List<Version> versions) {
        return versions.stream().map(Version::toString).toList();
    }

    // --- pending ---------------------------------------------------------------------------------

    @Test
    void everyMigrationIsPendingOnAnEmptyDatabase() throws Exception {
        files("2", "1", "1.10", "1.9");

        Plan plan = plan();

        assertEquals(List.of("V1__step.sql", "V1.9__step.sql", "V1.10__step.sql", "V2__step.sql"), pending(plan));
        assertNull(plan.current());
        assertEquals(Version.parse("2"), plan.target());
        assertFalse(plan.isEmpty());
    }

    @Test
    void appliedMigrationsAreNotPending() throws Exception {
        files("1", "2", "3");
        applied("1", "2");

        Plan plan = plan();

        assertEquals(List.of("V3__step.sql"), pending(plan));
        assertEquals(Version.parse("2"), plan.current());
        assertEquals(Version.parse("3"), plan.target());
    }

    @Test
    void nothingPendingWhenEverythingIsApplied() throws Exception {
        files("1", "2");
        applied("1", "2");

        Plan plan = plan();

        assertTrue(plan.isEmpty());
        assertEquals(Version.parse("2"), plan.target());
        assertEquals(List.of(), plan.warnings());
        assertEquals(List.of(), plan.future());
    }

    @Test
    void onlyMigrationsUpToTheTargetArePending() throws Exception {
        files("1", "2", "2.1", "3");

        Plan plan = plan("2.1");

        assertEquals(List.of("V1__step.sql", "V2__step.sql", "V2.1__step.sql"), pending(plan));
        assertEquals(Version.parse("2.1"), plan.target());
    }

    @Test
    void targetBelowTheCurrentVersionLeavesNothingPending() throws Exception {
        files("1", "2", "3");
        applied("1", "2");

        assertTrue(plan("1").isEmpty());
    }

    @Test
    void failedRowDoesNotCountAsApplied() throws Exception {
        files("1", "2", "3");
        applied("1");
        failed("2");

        Plan plan = plan();

        assertEquals(List.of("V2__step.sql", "V3__step.sql"), pending(plan));
        assertEquals(Version.parse("1"), plan.current());
    }

    @Test
    void failedRowWithAnotherChecksumDoesNotBlockTheFixedFile() throws Exception {
        files.add(versioned("1", "CREATE TABLE fixed (id INTEGER);\n"));
        row("1", MigrationType.SQL, "V1__step.sql", Checksums.sha256("CREATE TABLE broken (;\n"), false);

        assertEquals(List.of("V1__step.sql"), pending(plan()));
    }

    @Test
    void failedRowFollowedBySuccessCountsAsApplied() throws Exception {
        files("1");
        failed("1");
        applied("1");

        assertTrue(plan().isEmpty());
    }

    @Test
    void undoRowMakesItsVersionPendingAgain() throws Exception {
        files("1", "2");
        files.add(undoFile("2"));
        applied("1", "2");
        undone("2");

        Plan plan = plan();

        assertEquals(List.of("V2__step.sql"), pending(plan));
        assertEquals(Version.parse("1"), plan.current());
        assertEquals(List.of(), plan.warnings());
    }

    @Test
    void undoFilesAreNeverPending() throws Exception {
        files("1");
        files.add(undoFile("1"));

        assertEquals(List.of("V1__step.sql"), pending(plan()));
    }

    @Test
    void versionAppliedAgainAfterUndoIsNotPending() throws Exception {
        files("1", "2");
        applied("1", "2");
        undone("2");
        applied("2");

        assertTrue(plan().isEmpty());
    }

    @Test
    void baselineCoversEveryVersionUpToIt() throws Exception {
        files("1", "2", "2.5", "3");
        baseline("2.5");

        Plan plan = plan();

        assertEquals(List.of("V3__step.sql"), pending(plan));
        assertEquals(Version.parse("2.5"), plan.current());
        assertEquals(List.of(), plan.warnings());
        assertEquals(List.of(), plan.future());
    }

    @Test
    void baselineAboveEveryFileIsNotAFutureVersion() throws Exception {
        files("1");
        baseline("5");

        Plan plan = plan();

        assertTrue(plan.isEmpty());
        assertEquals(List.of(), plan.future());
    }

    @Test
    void javaMigrationIsPendingWithoutStatements() throws Exception {
        files("1");
        files.add(ResolvedMigration.java(Version.parse("2"), "Backfill", "db.migration.V2__Backfill"));
        applied("1");

        Plan plan = plan();

        assertEquals(List.of("db.migration.V2__Backfill"), pending(plan));
        assertEquals(List.of(), plan.pending().get(0).statements());
    }

    // --- checksums -------------------------------------------------------------------------------

    @Test
    void changedAppliedScriptIsAChecksumMismatchNamingTheSource() throws Exception {
        files.add(versioned("1", "CREATE TABLE a (id INTEGER, name TEXT);\n"));
        files("2");
        row("1", MigrationType.SQL, "V1__step.sql", Checksums.sha256("CREATE TABLE a (id INTEGER);\n"), true);

        SluiceException e = assertThrows(SluiceException.class, this::plan);

        assertEquals(Problem.CHECKSUM_MISMATCH, e.problem());
        assertEquals("08004", e.getSQLState());
        assertTrue(e.getMessage().contains(FOLDER + "V1__step.sql"), e.getMessage());
        assertTrue(e.getMessage().contains("repair"), e.getMessage());
    }

    @Test
    void theLowestChangedVersionIsNamedWhateverOrderTheRowsAndFilesComeIn() throws Exception {
        files.add(versioned("10", "SELECT 10;\n"));
        files.add(versioned("2", "SELECT 2;\n"));
        files("1");
        applied("1");
        row("10", MigrationType.SQL, "V10__step.sql", Checksums.sha256("SELECT 'ten';\n"), true);
        row("2", MigrationType.SQL, "V2__step.sql", Checksums.sha256("SELECT 'two';\n"), true);

        SluiceException e = assertThrows(SluiceException.class, this::plan);

        assertEquals(Problem.CHECKSUM_MISMATCH, e.problem());
        assertTrue(e.getMessage().contains(FOLDER + "V2__step.sql"), e.getMessage());
    }

    @Test
    void checksumMismatchIsFoundEvenWhenNothingIsPending() throws Exception {
        files.add(versioned("1", "SELECT 2;\n"));
        row("1", MigrationType.SQL, "V1__step.sql", Checksums.sha256("SELECT 1;\n"), true);

        assertEquals(Problem.CHECKSUM_MISMATCH, assertThrows(SluiceException.class, this::plan).problem());
    }

    @Test
    void checksumOfAnotherAlgorithmIsNotCompared() throws Exception {
        files("1");
        row("1", MigrationType.SQL, "V1__step.sql", "1234567890", true);

        assertTrue(plan().isEmpty());
    }

    @Test
    void appliedScriptsAreNeverSplitAgain() throws Exception {
        String unsplittable = "INSERT INTO t VALUES ('never closed;\n";
        files.add(versioned("1", unsplittable));
        files("2");
        row("1", MigrationType.SQL, "V1__step.sql", Checksums.sha256(unsplittable), true);

        assertEquals(List.of("V2__step.sql"), pending(plan()));
    }

    // --- repeatables -----------------------------------------------------------------------------

    @Test
    void newRepeatableIsPendingAfterEveryVersionedMigration() throws Exception {
        files.add(repeatable("A_views", "CREATE VIEW a AS SELECT 1;\n"));
        files("1", "2");
        files.add(repeatable("0_first_by_name", "CREATE VIEW b AS SELECT 1;\n"));

        assertEquals(List.of("V1__step.sql", "V2__step.sql", "R__0_first_by_name.sql", "R__A_views.sql"),
            pending(plan()));
    }

    @Test
    void unchangedRepeatableIsNotPending() throws Exception {
        files.add(repeatable("views", "CREATE VIEW v AS SELECT 1;\n"));
        repeatableApplied("views", "CREATE VIEW v AS SELECT 1;\n");

        assertTrue(plan().isEmpty());
    }

    @Test
    void changedRepeatableIsPendingAgainNotAMismatch() throws Exception {
        files("1");
        applied("1");
        files.add(repeatable("views", "CREATE VIEW v AS SELECT 2;\n"));
        repeatableApplied("views", "CREATE VIEW v AS SELECT 1;\n");

        Plan plan = plan();

        assertEquals(List.of("R__views.sql"), pending(plan));
        assertEquals(Version.parse("1"), plan.target());
    }

    @Test
    void repeatableIsComparedWithItsLatestSuccessfulRun() throws Exception {
        files.add(repeatable("views", "SELECT 1;\n"));
        repeatableApplied("views", "SELECT 1;\n");
        repeatableApplied("views", "SELECT 2;\n");

        assertEquals(List.of("R__views.sql"), pending(plan()));
    }

    // --- future, missing and out-of-order versions ------------------------------------------------

    @Test
    void appliedVersionsAboveEveryFileAreFuture() throws Exception {
        files("1", "2");
        applied("1", "2", "99", "100");

        Plan plan = plan();

        assertEquals(List.of("99", "100"), versions(plan.future()));
        assertTrue(plan.isEmpty());
        assertEquals(Version.parse("100"), plan.current());
    }

    @Test
    void everyAppliedVersionIsFutureWhenThereAreNoFiles() throws Exception {
        applied("1");

        assertEquals(List.of("1"), versions(plan().future()));
    }

    @Test
    void appliedVersionMissingBelowTheNewestFileIsAWarningNotFuture() throws Exception {
        files("1", "3");
        applied("1", "2", "3");

        Plan plan = plan();

        assertEquals(List.of(), plan.future());
        assertEquals(1, plan.warnings().size(), plan.warnings().toString());
        assertTrue(plan.warnings().get(0).contains("version 2"), plan.warnings().toString());
    }

    @Test
    void olderUnappliedMigrationIsAppliedOutOfOrderWithAWarningWhenAllowed() throws Exception {
        files("1", "2", "3", "4");
        applied("1", "3");

        Plan plan = new Planner(SplitRules.SQLITE, true).plan(history, files, null);

        assertEquals(List.of("V2__step.sql", "V4__step.sql"), pending(plan));
        assertEquals(1, plan.warnings().size(), plan.warnings().toString());
        assertTrue(plan.warnings().get(0).contains("V2__step.sql"), plan.warnings().get(0));
        assertTrue(plan.warnings().get(0).contains("out of order"), plan.warnings().get(0));
        assertEquals(Version.parse("4"), plan.target());
    }

    @Test
    void aDeletedRowBelowTheCurrentVersionIsRefusedAsOutOfOrder() throws Exception {
        files("1", "2", "3");
        applied("1", "3");

        SluiceException e = assertThrows(SluiceException.class, this::plan);

        assertEquals(Problem.OUT_OF_ORDER, e.problem());
        assertEquals("08004", e.getSQLState());
        assertTrue(e.getMessage().contains(FOLDER + "V2__step.sql (version 2) is not applied but version 3 is"), e.getMessage());
        assertTrue(e.getMessage().contains("sluice.outOfOrder=true"), e.getMessage());
    }

    @Test
    void aRowMarkedFailedBelowTheCurrentVersionIsRefusedAndSaysSo() throws Exception {
        files("1", "2", "3");
        applied("1", "2", "3");
        history.set(1, new AppliedMigration(2, Version.parse("2"), "step", MigrationType.SQL, "V2__step.sql",
            Checksums.sha256(text("2")), "test@host", "2025-01-01T00:00:00Z", 5, false, false, null));

        SluiceException e = assertThrows(SluiceException.class, this::plan);

        assertEquals(Problem.OUT_OF_ORDER, e.problem());
        assertTrue(e.getMessage().contains("marked failed"), e.getMessage());
    }

    @Test
    void aVersionOutOfOrderAboveTheTargetIsNotRefused() throws Exception {
        files("1", "2", "3");
        applied("1", "3");

        assertTrue(plan("1").isEmpty());
    }

    @Test
    void reviewReportsWhatPlanRefusesAndStillListsThePending() throws Exception {
        files("1", "2", "3", "4");
        applied("1", "3");

        Plan plan = new Planner(SplitRules.SQLITE).review(history, List.of(), files, null);

        assertEquals(List.of("V2__step.sql", "V4__step.sql"), pending(plan));
        assertEquals(1, plan.historyFindings().size());
        HistoryFinding finding = plan.historyFindings().get(0);
        assertEquals(HistoryFinding.Rule.OUT_OF_ORDER, finding.rule());
        assertEquals(Finding.Severity.ERROR, finding.severity());
        assertEquals("2", finding.version());
        assertEquals("V2__step.sql", finding.script());
    }

    // --- rows edited by hand, and another application's folder ------------------------------------

    @Test
    void anAppliedRowWithoutAChecksumIsRefusedAndRepairIsNamed() throws Exception {
        files("1", "2");
        applied("1");
        row("2", MigrationType.SQL, "V2__step.sql", null, true);

        SluiceException e = assertThrows(SluiceException.class, this::plan);

        assertEquals(Problem.CHECKSUM_MISMATCH, e.problem());
        assertTrue(e.getMessage().contains(FOLDER + "V2__step.sql has no checksum"), e.getMessage());
        assertTrue(e.getMessage().contains("repair"), e.getMessage());
    }

    @Test
    void aJavaMigrationsRowHasNoChecksumAndThatIsFine() throws Exception {
        files.add(ResolvedMigration.java(Version.parse("1"), "Backfill", "db.migration.V1__Backfill"));
        row("1", MigrationType.JAVA, "db.migration.V1__Backfill", null, true);

        assertTrue(plan().isEmpty());
    }

    @Test
    void anotherFileUnderAnAppliedVersionIsRefusedWithoutAdvisingRepair() throws Exception {
        files.add(versioned("1", text("1")));
        row("1", MigrationType.SQL, "V1__create_orders.sql", Checksums.sha256("CREATE TABLE orders (id INTEGER);\n"), true);

        SluiceException e = assertThrows(SluiceException.class, this::plan);

        assertEquals(Problem.INVALID_HISTORY, e.problem());
        assertEquals("08004", e.getSQLState());
        assertTrue(e.getMessage().contains("applied as V1__create_orders.sql"), e.getMessage());
        assertTrue(e.getMessage().contains(FOLDER + "V1__step.sql"), e.getMessage());
        assertFalse(e.getMessage().contains("repair"), e.getMessage());
    }

    @Test
    void aRenamedFileWithTheSameTextIsStillApplied() throws Exception {
        files("1");
        row("1", MigrationType.SQL, "old/V1__first_name.sql", Checksums.sha256(text("1")), true);

        assertTrue(plan().isEmpty());
    }

    @Test
    void aVersionThatIsNotAVersionIsRefusedNamingTheRow() throws Exception {
        files("1", "2");
        applied("1", "2");
        history.set(1, history.get(1).withUnreadableVersion("two"));

        SluiceException e = assertThrows(SluiceException.class, this::plan);

        assertEquals(Problem.INVALID_HISTORY, e.problem());
        assertTrue(e.getMessage().contains("History row 2 (V2__step.sql) has the version 'two'"), e.getMessage());
        List<HistoryFinding> findings = new Planner(SplitRules.SQLITE).review(history, List.of(), files, null).historyFindings();
        assertEquals(List.of(HistoryFinding.Rule.UNREADABLE_VERSION), findings.stream().map(HistoryFinding::rule).toList(),
            "its own version is not reported once more as out of order");
    }

    @Test
    void aFailedRowWithAnUnreadableVersionIsOnlyAWarning() throws Exception {
        files("1", "2");
        applied("1");
        failed("2");
        history.set(1, history.get(1).withUnreadableVersion("2x"));

        Plan plan = plan();

        assertEquals(List.of("V2__step.sql"), pending(plan));
        assertTrue(plan.warnings().get(0).contains("History row 2"), plan.warnings().toString());
    }

    // --- splitting -------------------------------------------------------------------------------

    @Test
    void pendingScriptIsSplitWithLineNumbers() throws Exception {
        files.add(versioned("1", "-- create\nCREATE TABLE a (id INTEGER);\n\nINSERT INTO a VALUES (1);\n"));

        List<SqlStatement> statements = plan().pending().get(0).statements();

        assertEquals(List.of(2, 4), statements.stream().map(SqlStatement::line).toList());
        assertEquals("INSERT INTO a VALUES (1)", statements.get(1).sql());
    }

    @Test
    void directivesOfAPendingScriptAreRead() throws Exception {
        files.add(versioned("1", "-- sluice:no-transaction\n-- sluice:allow-destructive\nDROP TABLE a;\n"));
        files.add(versioned("2", "DROP TABLE b;\n"));

        List<PlannedMigration> pending = plan().pending();

        assertFalse(pending.get(0).isTransactional());
        assertTrue(pending.get(0).allowsDestructive());
        assertTrue(pending.get(1).isTransactional());
        assertFalse(pending.get(1).allowsDestructive());
    }

    @Test
    void pendingScriptThatCannotBeSplitIsAnInvalidMigrationNamingTheFile() throws Exception {
        files("1");
        files.add(versioned("2", "CREATE TABLE a (id INTEGER);\nINSERT INTO a VALUES ('never closed);\n"));

        SluiceException e = assertThrows(SluiceException.class, this::plan);

        assertEquals(Problem.INVALID_MIGRATION, e.problem());
        assertTrue(e.getMessage().contains(FOLDER + "V2__step.sql"), e.getMessage());
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }
}
