package io.sluice.migrations.ops;

import io.sluice.migrations.config.Setting;
import io.sluice.migrations.dialect.BackupProgress;
import io.sluice.migrations.error.Problem;
import io.sluice.migrations.error.SluiceException;
import io.sluice.migrations.history.HistoryTable;
import io.sluice.migrations.model.AppliedMigration;
import io.sluice.migrations.model.MigrationType;
import io.sluice.migrations.model.ResolvedMigration;
import io.sluice.migrations.model.Version;
import io.sluice.migrations.plan.PlannedMigration;
import io.sluice.migrations.plan.Planner;
import io.sluice.migrations.resolve.Resolver;
import io.sluice.migrations.run.InstalledBy;
import io.sluice.migrations.run.Migrator;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The commands that change history by an operator's order: undo, baseline, repair. Each under the lock. */
public final class Changes {
    private final Operator operator;

    public Changes(Operator operator) {
        this.operator = operator;
    }

    /** What {@link #undo} did: the backup taken first and the undone scripts, newest first. */
    public static final class Undone {
        public final Path backup;
        public final List<String> scripts;

        Undone(Path backup, List<String> scripts) {
            this.backup = backup;
            this.scripts = scripts;
        }
    }

    /**
     * Applies the {@code U} scripts of every applied version above {@code target}, newest first,
     * each with an {@code UNDO} history row, after a fresh {@code pre-undo} backup. Refuses
     * before changing anything when a version has no undo script.
     */
    public Undone undo(Version target) throws SQLException {
        return operator.locked(session -> {
            HistoryTable history = operator.historyTable(session);
            List<AppliedMigration> rows = history.read();
            Map<Version, ResolvedMigration> undoScripts = new HashMap<>();
            for (ResolvedMigration migration : resolve()) {
                if (migration.type() == MigrationType.UNDO) {
                    undoScripts.put(migration.version(), migration);
                }
            }
            List<PlannedMigration> planned = new ArrayList<>();
            Planner planner = new Planner(operator.database().dialect().splitRules());
            for (Version version : appliedAbove(rows, target)) {
                ResolvedMigration undo = undoScripts.get(version);
                if (undo == null) {
                    throw new SluiceException(Problem.INVALID_MIGRATION, "No undo script U" + version
                            + "__<description>.sql for version " + version + "; nothing was undone");
                }
                planned.add(planner.forUndo(undo));
            }
            Path backup = operator.takeBackup(session, "pre-undo", BackupProgress.NONE);
            List<String> undone = new ArrayList<>();
            new Migrator(session, history, InstalledBy.describe(session.connection()), backup)
                    .applyAll(planned, Collections.<AppliedMigration>emptyList(), (migration, duration, success, skipped) -> {
                        if (success) {
                            undone.add(migration.migration().script());
                        }
                    });
            return new Undone(backup, undone);
        });
    }

    /** Versions applied now and above the target, newest first. */
    private static List<Version> appliedAbove(List<AppliedMigration> rows, Version target) {
        List<Version> applied = new ArrayList<>();
        List<AppliedMigration> prefix = new ArrayList<>(rows);
        Version current = Planner.currentVersion(prefix);
        while (current != null && current.compareTo(target) > 0) {
            applied.add(current);
            prefix.add(new AppliedMigration(0, current, "", MigrationType.UNDO, "", null, "", null, 0, true, false, null));
            current = Planner.currentVersion(prefix);
        }
        return applied;
    }

    /** Marks a database without history as being at {@code version}: migrations up to it count as applied. */
    public void baseline(Version version) throws SQLException {
        operator.locked(session -> {
            HistoryTable history = operator.historyTable(session);
            if (!history.read().isEmpty()) {
                throw new SluiceException(Problem.INVALID_SETTING, "The database already has history in " + history.name()
                        + "; baseline is for a database without one");
            }
            history.createIfAbsent();
            history.insert(version, "<< Sluice Baseline >>", MigrationType.BASELINE, "<< Sluice Baseline >>", null,
                    InstalledBy.describe(session.connection()), 0, true, false, null);
            return null;
        });
    }

    /** What {@link #repair} changed. */
    public static final class Repaired {
        public final List<String> acceptedChecksums;
        public final int removedFailedRows;

        Repaired(List<String> acceptedChecksums, int removedFailedRows) {
            this.acceptedChecksums = acceptedChecksums;
            this.removedFailedRows = removedFailedRows;
        }
    }

    /** Accepts changed checksums of applied files and removes the rows of failed runs. */
    public Repaired repair() throws SQLException {
        return operator.locked(session -> {
            HistoryTable history = operator.historyTable(session);
            Map<Version, ResolvedMigration> files = new HashMap<>();
            for (ResolvedMigration migration : resolve()) {
                if (migration.isVersioned()) {
                    files.put(migration.version(), migration);
                }
            }
            List<String> accepted = new ArrayList<>();
            for (AppliedMigration row : history.read()) {
                ResolvedMigration file = row.version() == null ? null : files.get(row.version());
                boolean checked = row.type() == MigrationType.SQL && row.checksum() != null;
                if (checked && row.success() && file != null && !file.checksum().equals(row.checksum())) {
                    history.updateChecksum(row.installedRank(), file.checksum());
                    accepted.add(file.script());
                }
            }
            return new Repaired(accepted, history.deleteFailed());
        });
    }

    private List<ResolvedMigration> resolve() throws SQLException {
        return Resolver.forCurrentThread().resolve(operator.database().settings().list(Setting.LOCATIONS),
                operator.database().settings().isSet(Setting.LOCATIONS));
    }
}
