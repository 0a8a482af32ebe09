package io.sluice.migrations.run;

import io.sluice.migrations.model.AppliedMigration;
import io.sluice.migrations.model.ResolvedMigration;
import io.sluice.migrations.model.Version;
import io.sluice.migrations.plan.Plan;
import io.sluice.migrations.plan.Planner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Set;

/** What one gate run did, step by step: returned on success, attached to every refusal. */
public final class GateReport {
    /** How many applied scripts the summary line names before it elides the middle of the run. */
    private static final int NAMED_IN_SUMMARY = 10;

    /** One step's outcome and time. */
    public static final class Step {
        private final StepOutcome outcome;
        private final Duration duration;

        Step(StepOutcome outcome, Duration duration) {
            this.outcome = outcome;
            this.duration = duration;
        }

        public StepOutcome outcome() {
            return outcome;
        }

        public Duration duration() {
            return duration;
        }

        /** "skipped", "12 ms", or "12 ms" and {@code failedMark}: the step as the report and the log show it. */
        String describe(String failedMark) {
            return outcome == StepOutcome.SKIPPED ? "skipped"
                    : duration.toMillis() + " ms" + (outcome == StepOutcome.FAILURE ? failedMark : "");
        }
    }

    /** One migration's run: its script, version (null for repeatables), time and outcome. */
    public static final class MigrationRun {
        private final String script;
        private final Version version;
        private final String description;
        private final Duration duration;
        private final boolean success;
        private final boolean undone;

        MigrationRun(String script, Version version, String description, Duration duration, boolean success) {
            this(script, version, description, duration, success, false);
        }

        private MigrationRun(String script, Version version, String description, Duration duration, boolean success,
                             boolean undone) {
            this.script = script;
            this.version = version;
            this.description = description;
            this.duration = duration;
            this.success = success;
            this.undone = undone;
        }

        /** The same run, ran well but undone when a later failure rolled back or restored the run. */
        MigrationRun asUndone() {
            return new MigrationRun(script, version, description, duration, success, true);
        }

        public String script() {
            return script;
        }

        /** Null for a repeatable migration. */
        public Version version() {
            return version;
        }

        public String description() {
            return description;
        }

        public Duration duration() {
            return duration;
        }

        /** Whether it ran without error; {@link #kept()} tells whether the database kept it. */
        public boolean success() {
            return success;
        }

        /** Whether it is in the database after the run: it succeeded and nothing undid it later. */
        public boolean kept() {
            return success && !undone;
        }
    }

    private final String database;
    private final String dialect;
    private final Map<GateStep, Step> steps;
    private final Version versionBefore;
    private final Version versionAfter;
    private final List<MigrationRun> migrations;
    private final int pending;
    private final Path backup;
    private final Duration backupCheck;

    GateReport(String database, String dialect, Map<GateStep, Step> steps, Version versionBefore,
               Version versionAfter, List<MigrationRun> migrations, int pending, Path backup, Duration backupCheck) {
        this.database = database;
        this.dialect = dialect;
        this.steps = Collections.unmodifiableMap(new EnumMap<>(steps));
        this.versionBefore = versionBefore;
        this.versionAfter = versionAfter;
        this.migrations = Collections.unmodifiableList(new ArrayList<>(migrations));
        this.pending = pending;
        this.backup = backup;
        this.backupCheck = backupCheck;
    }

    /**
     * The applied scripts by name, the middle of a long run elided: each already had a line of its
     * own, and one summary naming hundreds of scripts is longer than many log shippers take in one
     * line (Docker splits lines at 16 KiB).
     */
    private static String names(List<String> applied) {
        if (applied.size() <= NAMED_IN_SUMMARY) {
            return String.join(", ", applied);
        }
        int head = NAMED_IN_SUMMARY - 2;
        return String.join(", ", applied.subList(0, head)) + ", … " + (applied.size() - head - 2) + " more …, "
                + String.join(", ", applied.subList(applied.size() - 2, applied.size()));
    }

    /** The database's short name (SQLite file name without extension, PostgreSQL database name). */
    public String database() {
        return database;
    }

    /** {@code sqlite} or {@code postgresql}. */
    public String dialect() {
        return dialect;
    }

    /** The steps that ran or were skipped, in order; a step missing here was not reached. */
    public Map<GateStep, Step> steps() {
        return steps;
    }

    /** The schema version before the run; null for a database without history. */
    public Version versionBefore() {
        return versionBefore;
    }

    /** The schema version after the run; null for a database without history. */
    public Version versionAfter() {
        return versionAfter;
    }

    /** Scripts (or Java class names) this run applied and the database kept, in order. */
    public List<String> applied() {
        List<String> applied = new ArrayList<>();
        for (MigrationRun run : migrations) {
            if (run.kept()) {
                applied.add(run.script());
            }
        }
        return applied;
    }

    /** Every migration this run tried, the failed one included, with its time. */
    public List<MigrationRun> migrations() {
        return migrations;
    }

    /** Migrations still pending after this run; -1 when the run failed before it knew. */
    public int pending() {
        return pending;
    }

    /** The backup taken before migrating, or null when none was taken. */
    public Path backup() {
        return backup;
    }

    /**
     * The part of the backup step spent checking the copy (SQLite: {@code integrity_check} and row
     * counts; PostgreSQL: reading the dump back), or null when no copy was checked.
     */
    public Duration backupCheck() {
        return backupCheck;
    }

    /** One line: versions, each step's time (the backup's check of its copy apart), the backup. */
    @Override
    public String toString() {
        List<String> applied = applied();
        StringBuilder line = new StringBuilder();
        Step total = steps.get(GateStep.TOTAL);
        if (total != null && total.outcome() == StepOutcome.FAILURE) {
            line.append("gate refused at v").append(name(versionAfter));
            if (!applied.isEmpty()) {
                line.append(" after applying ").append(String.join(", ", applied));
            }
        } else if (applied.isEmpty()) {
            line.append("schema up to date at v").append(name(versionAfter)).append(", nothing pending");
        } else {
            line.append("migrated v").append(name(versionBefore)).append(" -> v").append(name(versionAfter))
                    .append(" (").append(applied.size()).append(applied.size() == 1 ? " migration" : " migrations")
                    .append(": ").append(names(applied)).append(')');
        }
        line.append(';');
        for (Map.Entry<GateStep, Step> step : steps.entrySet()) {
            line.append(' ').append(step.getKey().tag()).append(' ').append(step.getValue().describe(" FAILED"));
            if (step.getKey() == GateStep.BACKUP && backupCheck != null) {
                line.append(" (check of the copy ").append(backupCheck.toMillis()).append(" ms)");
            }
            line.append(',');
        }
        line.setLength(line.length() - 1);
        if (backup != null) {
            line.append("; backup ").append(backup);
        }
        return line.toString();
    }

    static String name(Version version) {
        return version == null ? "0" : version.toString();
    }

    /**
     * Gathers one run's report as its steps go: each step's outcome and time, each migration's run,
     * the versions before and after and what is still pending. After a failure, the history says
     * which of the run's migrations the database kept, and the counts follow it.
     */
    static final class Builder {
        private final String database;
        private final String dialect;
        private final Map<GateStep, Step> steps = new EnumMap<>(GateStep.class);
        private final List<MigrationRun> migrations = new ArrayList<>();
        private int pending = -1;
        private int planned;
        private int lastRank;
        private Version versionBefore;
        private Version versionAfter;
        private Path backup;
        private Duration backupCheck;

        Builder(String database, String dialect) {
            this.database = database;
            this.dialect = dialect;
        }

        Step step(GateStep step, StepOutcome outcome, Duration duration) {
            Step result = new Step(outcome, duration);
            steps.put(step, result);
            return result;
        }

        /** The plan the run executes: where the database stands and what is pending. */
        void plan(Plan plan) {
            versionBefore = plan.current();
            versionAfter = plan.current();
            lastRank = plan.lastRank();
            pending = plan.pending().size();
            planned = pending;
        }

        void backup(Path path) {
            backup = path;
        }

        void backupChecked(Duration duration) {
            backupCheck = duration;
        }

        /** One migration ran, well or not; the migrations done so far, for a progress bar. */
        int migrated(ResolvedMigration migration, Duration duration, boolean success) {
            migrations.add(new MigrationRun(migration.script(), migration.version(), migration.description(), duration,
                    success));
            if (success) {
                pending--;
                versionAfter = later(versionAfter, migration.version());
            }
            return planned - pending;
        }

        int planned() {
            return planned;
        }

        /** Whether a migration of this run went well, so a failure after it may or may not have kept it. */
        boolean ranMigrations() {
            return migrations.stream().anyMatch(MigrationRun::success);
        }

        /**
         * Counts only the migrations the history says the database kept: a dialect may undo more than
         * the failed one (SQLite rolls back the run's transaction when verify fails, and restores the
         * backup when a no-transaction script fails).
         */
        void keptIn(List<AppliedMigration> history) {
            Set<String> kept = new HashSet<>();
            for (AppliedMigration row : history) {
                if (row.installedRank() > lastRank && row.success()) {
                    kept.add(row.script());
                }
            }
            versionAfter = versionBefore;
            pending = planned;
            for (ListIterator<MigrationRun> runs = migrations.listIterator(); runs.hasNext(); ) {
                MigrationRun run = runs.next();
                if (!run.success()) {
                    continue;
                }
                if (kept.contains(run.script())) {
                    pending--;
                    versionAfter = later(versionAfter, run.version());
                } else {
                    runs.set(run.asUndone());
                }
            }
        }

        /** Whether inspect ran but the run stopped before the plan said where the database stands. */
        boolean versionUnknown() {
            return versionBefore == null && steps.containsKey(GateStep.INSPECT);
        }

        /** The version the history leaves the database at, for the summary of a refusal at inspect. */
        void versionIn(List<AppliedMigration> history) {
            versionBefore = Planner.currentVersion(history);
            versionAfter = versionBefore;
        }

        GateReport build() {
            return new GateReport(database, dialect, steps, versionBefore, versionAfter, migrations, pending, backup,
                    backupCheck);
        }

        private static Version later(Version current, Version candidate) {
            return candidate != null && (current == null || candidate.compareTo(current) > 0) ? candidate : current;
        }
    }
}
