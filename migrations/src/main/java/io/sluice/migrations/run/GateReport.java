package io.sluice.migrations.run;

import io.sluice.migrations.model.Version;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** What one gate run did, step by step: returned on success, attached to every refusal. */
public final class GateReport {
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

    GateReport(String database, String dialect, Map<GateStep, Step> steps, Version versionBefore,
               Version versionAfter, List<MigrationRun> migrations, int pending, Path backup) {
        this.database = database;
        this.dialect = dialect;
        this.steps = Collections.unmodifiableMap(new EnumMap<>(steps));
        this.versionBefore = versionBefore;
        this.versionAfter = versionAfter;
        this.migrations = Collections.unmodifiableList(new ArrayList<>(migrations));
        this.pending = pending;
        this.backup = backup;
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

    /** One line: versions, each step's time, the backup. */
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
                    .append(": ").append(String.join(", ", applied)).append(')');
        }
        line.append(';');
        for (Map.Entry<GateStep, Step> step : steps.entrySet()) {
            line.append(' ').append(step.getKey().tag()).append(' ');
            Step value = step.getValue();
            line.append(value.outcome() == StepOutcome.SKIPPED ? "skipped"
                    : value.duration().toMillis() + " ms" + (value.outcome() == StepOutcome.FAILURE ? " FAILED" : ""));
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
}
