package io.sluice.migrations.plan;

import io.sluice.migrations.config.OnFuture;
import io.sluice.migrations.config.Setting;
import io.sluice.migrations.error.Problem;
import io.sluice.migrations.error.SluiceException;
import io.sluice.migrations.model.AppliedMigration;
import io.sluice.migrations.model.Version;

import java.util.Collections;
import java.util.List;

/**
 * What the gate will do: the pending migrations in the order they run, and what it noticed.
 * Computed under the lock and executed exactly as computed.
 */
public final class Plan {
    private final Version current;
    private final List<PlannedMigration> pending;
    private final List<Version> future;
    private final List<String> warnings;
    private final List<AppliedMigration> imported;
    private final int lastRank;
    private final List<AppliedMigration> interrupted;
    private final List<HistoryFinding> historyFindings;

    Plan(Version current, List<PlannedMigration> pending, List<Version> future, List<String> warnings,
         List<AppliedMigration> imported, int lastRank, List<HistoryFinding> historyFindings) {
        this.current = current;
        this.pending = Collections.unmodifiableList(pending);
        this.future = Collections.unmodifiableList(future);
        this.warnings = Collections.unmodifiableList(warnings);
        this.imported = Collections.unmodifiableList(imported);
        this.lastRank = lastRank;
        this.historyFindings = Collections.unmodifiableList(historyFindings);
        this.interrupted = Collections.emptyList();
    }

    private Plan(Plan plan, List<AppliedMigration> interrupted) {
        this.current = plan.current;
        this.pending = plan.pending;
        this.future = plan.future;
        this.warnings = plan.warnings;
        this.imported = plan.imported;
        this.lastRank = plan.lastRank;
        this.historyFindings = plan.historyFindings;
        this.interrupted = Collections.unmodifiableList(interrupted);
    }

    /** This plan with the "started" marks of no-transaction scripts that never finished. */
    public Plan withInterrupted(List<AppliedMigration> marks) {
        return new Plan(this, marks);
    }

    /**
     * History rows that say a script running outside a transaction was interrupted: some of its
     * statements may have run, so it is never simply run again.
     */
    public List<AppliedMigration> interrupted() {
        return interrupted;
    }

    /** The pending migration of a script, or null. */
    public PlannedMigration pending(String script) {
        for (PlannedMigration migration : pending) {
            if (migration.migration().script().equals(script)) {
                return migration;
            }
        }
        return null;
    }

    /**
     * What is wrong or worth a note in the history against the files here. A plan the gate runs
     * has no errors among them; {@code validate} and {@code status} show all of them.
     */
    public List<HistoryFinding> historyFindings() {
        return historyFindings;
    }

    /** The {@code installed_rank} of the newest history row when planned, 0 for none: a run's rows come after it. */
    public int lastRank() {
        return lastRank;
    }

    /** Flyway's history rows to copy into Sluice's table, marked adopted, before the first migration runs. */
    public List<AppliedMigration> imported() {
        return imported;
    }

    /** The highest applied version, or null for a database without history. */
    public Version current() {
        return current;
    }

    public List<PlannedMigration> pending() {
        return pending;
    }

    /** Applied versions this code does not know, above its newest migration. */
    public List<Version> future() {
        return future;
    }

    /** Things worth a log line: missing versions, out-of-order migrations allowed by {@code outOfOrder}, failed rows. */
    public List<String> warnings() {
        return warnings;
    }

    /** The same plan with each migration's statements planned. */
    Plan withMigrations(List<PlannedMigration> planned) {
        return new Plan(current, planned, future, warnings, imported, lastRank, historyFindings).withInterrupted(interrupted);
    }

    /**
     * Why the gate must not run this plan, or null: a database ahead of the code when
     * {@code failOnFuture} ({@code onFuture=fail}), else the first conflict, else the first lint
     * error (an unapproved destructive statement, a script that mixes statements that cannot run in
     * a transaction with others, a bare COMMIT). Decided before anything is written (SPEC §4).
     */
    public SluiceException refusal(boolean failOnFuture) {
        if (failOnFuture && !future.isEmpty()) {
            return new SluiceException(Problem.FUTURE_VERSION, futureVersions() + "; deploy the newer code, or set "
                    + Setting.ON_FUTURE.assigned(OnFuture.WARN) + " to start anyway");
        }
        String conflict = firstConflict();
        if (conflict != null) {
            return new SluiceException(Problem.CONFLICT, "Conflict in " + conflict + "; nothing was applied; make the "
                    + "database match or change the migration");
        }
        Finding error = firstError();
        if (error != null) {
            return new SluiceException(error.rule().equals("destructive") ? Problem.UNAPPROVED_DESTRUCTIVE
                    : Problem.INVALID_MIGRATION, "Refused " + describe(error) + "; nothing was applied");
        }
        return null;
    }

    /** "the database has versions [4, 5] that this code does not know": the start of a refusal or a warning. */
    public String futureVersions() {
        return "the database has versions " + future + " that this code does not know";
    }

    /** The first conflict, as "file line N: reason", or null. */
    private String firstConflict() {
        for (PlannedMigration migration : pending) {
            for (PlannedStatement statement : migration.plannedStatements()) {
                if (statement.action() == PlannedStatement.Action.CONFLICT) {
                    return migration.migration().source() + " line " + statement.line() + ": " + statement.reason();
                }
            }
        }
        return null;
    }

    private Finding firstError() {
        for (PlannedMigration migration : pending) {
            for (Finding finding : migration.findings()) {
                if (finding.severity() == Finding.Severity.ERROR) {
                    return finding;
                }
            }
        }
        return null;
    }

    /** A finding of this plan as "file line N: message". */
    private String describe(Finding finding) {
        for (PlannedMigration migration : pending) {
            if (migration.findings().contains(finding)) {
                return migration.migration().source() + " line " + finding.line() + ": " + finding.message();
            }
        }
        return "line " + finding.line() + ": " + finding.message();
    }

    public boolean isEmpty() {
        return pending.isEmpty();
    }

    /** The version after the run: the highest pending versioned migration, else the current one. */
    public Version target() {
        Version highest = current;
        for (PlannedMigration planned : pending) {
            Version version = planned.migration().version();
            if (version != null && (highest == null || version.compareTo(highest) > 0)) {
                highest = version;
            }
        }
        return highest;
    }
}
