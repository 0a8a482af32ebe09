package io.sluice.migrations.run;

import io.sluice.migrations.config.OnFuture;
import io.sluice.migrations.config.Setting;
import io.sluice.migrations.config.Settings;
import io.sluice.migrations.dialect.BackupProgress;
import io.sluice.migrations.dialect.Connector;
import io.sluice.migrations.dialect.Dialect;
import io.sluice.migrations.dialect.GateSession;
import io.sluice.migrations.dialect.SessionLock;
import io.sluice.migrations.error.Problem;
import io.sluice.migrations.error.SluiceException;
import io.sluice.migrations.history.HistoryTable;
import io.sluice.migrations.metrics.GateMetrics;
import io.sluice.migrations.model.ResolvedMigration;
import io.sluice.migrations.plan.Finding;
import io.sluice.migrations.plan.Plan;
import io.sluice.migrations.plan.PlannedMigration;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Future;
import java.util.function.Function;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

/**
 * One run of the gate (SPEC §4), its steps top-down: lock, inspect, (nothing pending: open),
 * backup, migrate, verify, open. Each step is timed into the {@link GateReport}; any refusal
 * carries the report of what happened before it.
 */
public final class GateRun {
    private final Dialect dialect;
    private final String jdbcUrl;
    private final Connector connector;
    private final Settings settings;
    private final GateLog log;

    private final GateReport.Builder report;
    private Path fingerprintDirectory;
    /** The scripts being listed while the session connects, for the first unlocked read. */
    private Future<ListedScripts> listedAhead;
    private Progress progress = (done, total, script) -> { };
    private BackupProgress backupProgress = BackupProgress.NONE;
    private StatementObserver observer = StatementObserver.NONE;

    public GateRun(Dialect dialect, String jdbcUrl, Connector connector, Settings settings) {
        this.dialect = dialect;
        this.jdbcUrl = jdbcUrl;
        this.connector = connector;
        this.settings = settings;
        this.log = new GateLog(dialect.databaseName(jdbcUrl, connector.properties()));
        this.report = new GateReport.Builder(log.database(), dialect.name());
    }

    /** Told of each migration as it commits, for a progress bar on a terminal. */
    public interface Progress {
        void migrated(int done, int total, String script);
    }

    public GateRun progress(Progress listener) {
        this.progress = listener;
        return this;
    }

    public GateRun backupProgress(BackupProgress listener) {
        this.backupProgress = listener;
        return this;
    }

    /** Told of every statement the migrate step runs or skips ({@code rehearse}). */
    public GateRun observer(StatementObserver statementObserver) {
        this.observer = statementObserver;
        return this;
    }

    public GateReport run() throws SluiceException {
        long start = System.nanoTime();
        try {
            fingerprintDirectory = dialect.backupDirectory(jdbcUrl, settings);
            listedAhead = fingerprintDirectory == null ? null : ListedScripts.ahead(settings, fingerprintDirectory);
            try (GateSession session = open()) {
                HistoryTable history = HistoryTable.of(session, dialect, settings.text(Setting.TABLE));
                try {
                    runSteps(session, history);
                } catch (SQLException | RuntimeException e) {
                    countWhatWasKept(session, history);
                    readVersionIfUnknown(session, history);
                    throw e;
                }
            }
            record(GateStep.TOTAL, StepOutcome.SUCCESS, start);
            GateReport report = this.report.build();
            log.log(INFO, report.toString());
            GateMetrics.get().recordRun(report);
            return report;
        } catch (SQLException | RuntimeException e) {
            record(GateStep.TOTAL, StepOutcome.FAILURE, start);
            GateReport report = this.report.build();
            SluiceException refusal = refusal(e).withReport(report);
            log.log(System.Logger.Level.ERROR, refusal.getMessage() + " (" + report + ")");
            GateMetrics.get().recordRun(report);
            throw refusal;
        }
    }

    private void runSteps(GateSession session, HistoryTable history) throws SQLException {
        Plan plan = upToDateWithoutLock(session);
        if (plan == null) {
            UnlockedReads whileWaiting = new UnlockedReads(session);
            boolean locked = step(GateStep.LOCK, () -> session.lock(whileWaiting),
                    held -> held ? StepOutcome.SUCCESS : StepOutcome.SKIPPED);
            plan = locked ? step(GateStep.INSPECT, () -> inspect(session, history)) : whileWaiting.opened();
        }
        report.plan(plan);
        if (plan.isEmpty()) {
            skip(GateStep.BACKUP, GateStep.MIGRATE, GateStep.VERIFY);
        } else {
            migrate(session, history, plan);
        }
    }

    /**
     * SPEC §4 step 3: the history read before locking. When it already shows nothing pending, every
     * checksum matching, nothing interrupted and no unknown version, the gate opens without taking
     * the lock (the lock step is recorded as skipped): a start of an up-to-date instance costs one
     * history read, and on PostgreSQL no lock connection. Anything else, a refusal included, is
     * decided again under the lock.
     *
     * @return the plan of an up-to-date database, or null to take the lock
     */
    private Plan upToDateWithoutLock(GateSession session) {
        long start = System.nanoTime();
        Plan plan = readUpToDate(session);
        if (plan != null) {
            skip(GateStep.LOCK);
            openWithoutLock(plan, start);
        }
        return plan;
    }

    /** The unlocked read: the plan when it shows the database up to date, else null (a failure included). */
    private Plan readUpToDate(GateSession session) {
        try {
            Future<ListedScripts> ahead = listedAhead;
            listedAhead = null;
            Plan plan = new Inspector(dialect, settings, log.database()).withFingerprints(fingerprintDirectory, ahead)
                    .upToDate(session);
            return plan == null || !plan.future().isEmpty() ? null : plan;
        } catch (SQLException | RuntimeException e) {
            return null;
        }
    }

    private void openWithoutLock(Plan plan, long inspectStart) {
        record(GateStep.INSPECT, StepOutcome.SUCCESS, inspectStart);
        logWarnings(plan);
    }

    /**
     * The unlocked read again, between attempts at a lock another instance holds: once that instance
     * has applied what this one found pending, this one opens without waiting for its turn at the
     * lock (its lock step is recorded as skipped, after the time it waited).
     */
    private final class UnlockedReads implements SessionLock.WhileWaiting {
        private final GateSession session;
        private Plan upToDate;
        private long lastStart;

        UnlockedReads(GateSession session) {
            this.session = session;
        }

        @Override
        public boolean upToDate() {
            lastStart = System.nanoTime();
            upToDate = readUpToDate(session);
            return upToDate != null;
        }

        /** The plan that ended the wait, its read recorded as the inspect step. */
        Plan opened() {
            openWithoutLock(upToDate, lastStart);
            return upToDate;
        }
    }

    private GateSession open() throws SQLException {
        try {
            return dialect.open(jdbcUrl, connector, settings);
        } catch (SluiceException e) {
            throw e;
        } catch (SQLException e) {
            throw new SluiceException(Problem.UNREACHABLE, "Cannot connect to the database: " + e.getMessage()
                    + "; the next connect tries again", e);
        }
    }

    private Plan inspect(GateSession session, HistoryTable history) throws SQLException {
        Plan plan = new Inspector(dialect, settings, log.database()).withFingerprints(fingerprintDirectory)
                .inspect(session);
        if (!plan.interrupted().isEmpty()) {
            new InterruptedScripts(session, history, log).recover(plan);
            plan = new Inspector(dialect, settings, log.database()).inspect(session);
        }
        logWarnings(plan);
        boolean failOnFuture = settings.choice(Setting.ON_FUTURE, OnFuture.class) == OnFuture.FAIL;
        if (!plan.future().isEmpty() && !failOnFuture) {
            log.log(WARNING, plan.futureVersions() + "; starting anyway (" + Setting.ON_FUTURE.assigned(OnFuture.WARN) + ")");
        }
        SluiceException refusal = plan.refusal(failOnFuture);
        if (refusal != null) {
            throw refusal;
        }
        return plan;
    }

    /** What the plan noticed that is worth a warning: missing files, lint findings, an empty location. */
    private void logWarnings(Plan plan) {
        if (plan.isEmpty() && plan.current() == null && plan.future().isEmpty()) {
            log.log(WARNING, "no migrations found at " + settings.text(Setting.LOCATIONS) + "; nothing to migrate");
        }
        plan.warnings().forEach(warning -> log.log(WARNING, warning));
        for (PlannedMigration migration : plan.pending()) {
            for (Finding finding : migration.findings()) {
                if (finding.severity() == Finding.Severity.WARNING) {
                    log.log(WARNING, migration.migration().script() + " " + finding);
                }
            }
        }
    }

    private void migrate(GateSession session, HistoryTable history, Plan plan) throws SQLException {
        String reason = "v" + GateReport.name(plan.current()) + "-to-v" + GateReport.name(plan.target());
        Path backup = step(GateStep.BACKUP, () -> session.backup(reason, new ReportedBackupProgress()),
                path -> path == null ? StepOutcome.SKIPPED : StepOutcome.SUCCESS);
        report.backup(backup);
        Migrator migrator = new Migrator(session, history, InstalledBy.describe(session.connection()), backup)
                .observer(observer);
        step(GateStep.MIGRATE, () -> {
            migrator.applyAll(plan.pending(), plan.imported(), this::migrated);
            return null;
        });
        step(GateStep.VERIFY, () -> {
            session.verify(migrator.appliedStatements(), migrator.javaMigrationRan());
            return null;
        });
        session.finish();
    }

    private void migrated(PlannedMigration planned, Duration duration, boolean success, List<String> skipped) {
        ResolvedMigration migration = planned.migration();
        int done = report.migrated(migration, duration, success);
        if (!success) {
            return;
        }
        progress.migrated(done, report.planned(), migration.script());
        log.log(INFO, "applied " + migration.script() + " in " + duration.toMillis() + " ms"
                + (skipped.isEmpty() ? "" : "; skipped " + String.join("; ", skipped)));
    }

    /**
     * After a failure the history says which of this run's migrations the database kept; the
     * report, log and meters then count only those. Runs only on the failure path; if the database
     * cannot answer, the report keeps what the run saw.
     */
    private void countWhatWasKept(GateSession session, HistoryTable history) {
        if (!report.ranMigrations()) {
            return;
        }
        try {
            session.abandon();
            report.keptIn(history.read());
        } catch (SQLException | RuntimeException e) {
            log.log(WARNING, "cannot read which migrations the failed run kept: " + e.getMessage());
        }
    }

    /**
     * A refusal during inspect comes before the plan says where the database stands; the summary
     * must still name the version it is at, not v0. Best effort: the refusal matters more.
     */
    private void readVersionIfUnknown(GateSession session, HistoryTable history) {
        if (!report.versionUnknown()) {
            return;
        }
        try {
            session.abandon();
            report.versionIn(history.read());
        } catch (SQLException | RuntimeException e) {
            log.log(DEBUG, "cannot read the version the database is at: " + e.getMessage());
        }
    }

    private SluiceException refusal(Exception e) {
        if (e instanceof SluiceException) {
            SluiceException known = (SluiceException) e;
            return new SluiceException(known.problem(), log.prefix(known.getMessage()), known.getCause() != null
                    ? known.getCause() : known);
        }
        if (e instanceof SQLException && Problem.isConnectionLoss((SQLException) e)) {
            return new SluiceException(Problem.UNREACHABLE, log.prefix("lost the connection to the database ("
                    + e.getMessage() + "); nothing was committed that the history does not show; the next connect tries again"), e);
        }
        return new SluiceException(Problem.DATABASE_ERROR, log.prefix("the gate's own query failed: "
                + e.getMessage()), e);
    }

    @FunctionalInterface
    private interface StepBody<T> {
        T run() throws SQLException;
    }

    private <T> T step(GateStep step, StepBody<T> body) throws SQLException {
        return step(step, body, result -> StepOutcome.SUCCESS);
    }

    /** Runs one step, timed: {@code outcome} says how its result went; a failure is recorded and rethrown. */
    private <T> T step(GateStep step, StepBody<T> body, Function<T, StepOutcome> outcome) throws SQLException {
        long start = System.nanoTime();
        try {
            T result = body.run();
            record(step, outcome.apply(result), start);
            return result;
        } catch (SQLException | RuntimeException e) {
            record(step, StepOutcome.FAILURE, start);
            throw e;
        }
    }

    private void skip(GateStep... skipped) {
        for (GateStep step : skipped) {
            put(step, StepOutcome.SKIPPED, Duration.ZERO);
        }
    }

    private void record(GateStep step, StepOutcome outcome, long startNanos) {
        put(step, outcome, Duration.ofNanos(System.nanoTime() - startNanos));
    }

    private void put(GateStep step, StepOutcome outcome, Duration duration) {
        GateReport.Step result = report.step(step, outcome, duration);
        if (step != GateStep.TOTAL) { // per-step detail is DEBUG: a start logs one summary line (SPEC §4)
            log.log(DEBUG, step.tag() + " " + result.describe(" (failed)"));
        }
    }

    /** The caller's progress, and the check of the copy timed into the report apart from the backup step. */
    private final class ReportedBackupProgress implements BackupProgress {
        @Override
        public void copied(int done, int total) {
            backupProgress.copied(done, total);
        }

        @Override
        public boolean watchesPages() {
            return backupProgress.watchesPages();
        }

        @Override
        public void checked(long nanos) {
            report.backupChecked(Duration.ofNanos(nanos));
            backupProgress.checked(nanos);
        }
    }
}
