package io.sluice.migrations.run;

import io.sluice.migrations.model.AppliedMigration;
import io.sluice.migrations.model.MigrationType;
import io.sluice.migrations.model.ResolvedMigration;
import io.sluice.migrations.model.Version;
import io.sluice.migrations.plan.Planner;
import io.sluice.migrations.resolve.Checksums;
import io.sluice.migrations.sql.SplitRules;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report's counts as a run goes and after a failure, from hand-built history rows: no database. */
class GateReportBuilderTest {
    private final List<AppliedMigration> history = new ArrayList<>();
    private final List<ResolvedMigration> files = new ArrayList<>();
    private final GateReport.Builder report = new GateReport.Builder("app", "sqlite");

    private ResolvedMigration file(String version) {
        String script = "V" + version + "__step.sql";
        String text = "CREATE TABLE t" + version + " (id INTEGER);\n";
        ResolvedMigration file = ResolvedMigration.script(MigrationType.SQL, Version.parse(version), "step", script,
                "filesystem:/sql/" + script, Checksums.sha256(text), text);
        files.add(file);
        return file;
    }

    private void row(ResolvedMigration file, boolean success) {
        history.add(new AppliedMigration(history.size() + 1, file.version(), "step", MigrationType.SQL, file.script(),
                file.checksum(), "test@host", "2025-01-01T00:00:00Z", 5, success, false, null));
    }

    /** V1 applied, V2 and V3 pending. */
    private List<ResolvedMigration> planTwoOnV1() throws Exception {
        row(file("1"), true);
        List<ResolvedMigration> pending = List.of(file("2"), file("3"));
        report.plan(new Planner(SplitRules.SQLITE).plan(history, files, null));
        return pending;
    }

    @Test
    void countsEachMigrationAsItRuns() throws Exception {
        List<ResolvedMigration> pending = planTwoOnV1();
        ResolvedMigration v2 = pending.get(0);
        ResolvedMigration v3 = pending.get(1);

        assertEquals(1, report.migrated(v2, Duration.ofMillis(3), true));
        assertEquals(1, report.migrated(v3, Duration.ofMillis(4), false));
        GateReport built = report.build();

        assertEquals(2, report.planned());
        assertEquals(List.of("V2__step.sql"), built.applied());
        assertEquals(1, built.pending());
        assertEquals("1", built.versionBefore().toString());
        assertEquals("2", built.versionAfter().toString());
    }

    @Test
    void aLongRunsSummaryNamesItsFirstAndLastScriptsAndCountsTheRest() throws Exception {
        List<ResolvedMigration> pending = new ArrayList<>();
        for (int version = 1; version <= 500; version++) {
            pending.add(file(Integer.toString(version)));
        }
        report.plan(new Planner(SplitRules.SQLITE).plan(history, files, null));
        for (ResolvedMigration migration : pending) {
            report.migrated(migration, Duration.ofMillis(1), true);
        }

        String summary = report.build().toString();

        assertTrue(summary.contains("migrated v0 -> v500 (500 migrations: V1__step.sql, V2__step.sql, "), summary);
        assertTrue(summary.contains("V8__step.sql, … 490 more …, V499__step.sql, V500__step.sql)"), summary);
        assertFalse(summary.contains("V9__step.sql"), summary);
        assertTrue(summary.length() < 500, summary);
    }

    @Test
    void afterAFailureCountsOnlyWhatTheHistorySaysWasKept() throws Exception {
        List<ResolvedMigration> pending = planTwoOnV1();
        ResolvedMigration v2 = pending.get(0);
        ResolvedMigration v3 = pending.get(1);
        report.migrated(v2, Duration.ofMillis(3), true);
        report.migrated(v3, Duration.ofMillis(4), true);
        assertTrue(report.ranMigrations());

        row(v2, true); // verify failed after V3 and the dialect undid V3 only
        report.keptIn(history);
        GateReport built = report.build();

        assertEquals(List.of("V2__step.sql"), built.applied());
        assertFalse(built.migrations().get(1).kept());
        assertEquals(1, built.pending());
        assertEquals("2", built.versionAfter().toString());
    }

    @Test
    void aRefusalAtInspectStillLearnsTheVersion() {
        row(file("1"), true);
        row(file("2"), true);
        assertFalse(report.versionUnknown());

        report.step(GateStep.INSPECT, StepOutcome.FAILURE, Duration.ofMillis(2));
        assertTrue(report.versionUnknown());
        report.versionIn(history);
        GateReport built = report.build();

        assertEquals("2", built.versionBefore().toString());
        assertEquals(-1, built.pending());
    }

    @Test
    void stepsShowTheSameInTheReportAndTheLog() {
        assertEquals("12 ms FAILED", report.step(GateStep.BACKUP, StepOutcome.FAILURE, Duration.ofMillis(12))
                .describe(" FAILED"));
        assertEquals("skipped", report.step(GateStep.MIGRATE, StepOutcome.SKIPPED, Duration.ZERO).describe(" (failed)"));
        assertEquals("3 ms", report.step(GateStep.LOCK, StepOutcome.SUCCESS, Duration.ofMillis(3)).describe(" (failed)"));
    }
}
