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
import io.sluice.migrations.plan.HistoryFinding;
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

    /** What {@link #repair} changed, and what it could not. */
    public static final class Repaired {
        public final List<String> acceptedChecksums;
        public final List<String> filledChecksums;
        public final List<String> fixedVersions;
        public final int removedFailedRows;
        /** Rows repair left as they were, each with why and what to do; the gate still refuses them. */
        public final List<String> leftAlone;

        Repaired(List<String> acceptedChecksums, List<String> filledChecksums, List<String> fixedVersions,
                 int removedFailedRows, List<String> leftAlone) {
            this.acceptedChecksums = acceptedChecksums;
            this.filledChecksums = filledChecksums;
            this.fixedVersions = fixedVersions;
            this.removedFailedRows = removedFailedRows;
            this.leftAlone = leftAlone;
        }
    }

    /**
     * Accepts changed checksums of applied files, fills missing ones from the files, gives rows
     * whose version column is not a version the version of their script, and removes the rows of
     * failed runs. Refuses, changing nothing, when a row records another script than the file of
     * its version: those files are not this database's migrations, and accepting them would
     * record as applied what never ran.
     */
    public Repaired repair() throws SQLException {
        return operator.locked(session -> {
            HistoryTable history = operator.historyTable(session);
            List<AppliedMigration> rows = history.read();
            List<ResolvedMigration> files = resolve();
            List<HistoryFinding> findings = Planner.checkHistory(rows, files);
            for (HistoryFinding finding : findings) {
                if (finding.rule() == HistoryFinding.Rule.OTHER_SCRIPT) {
                    throw new SluiceException(Problem.INVALID_HISTORY, finding.message() + "; repair changed nothing");
                }
            }
            List<String> accepted = new ArrayList<>();
            List<String> filled = new ArrayList<>();
            List<String> fixed = new ArrayList<>();
            List<String> leftAlone = new ArrayList<>();
            for (HistoryFinding finding : findings) {
                AppliedMigration row = finding.row();
                switch (finding.rule()) {
                    case CHECKSUM_MISMATCH:
                        history.updateChecksum(row.installedRank(), finding.file().checksum());
                        accepted.add(finding.file().script());
                        break;
                    case NO_CHECKSUM:
                        history.updateChecksum(row.installedRank(), finding.file().checksum());
                        filled.add(finding.file().script());
                        break;
                    case UNREADABLE_VERSION:
                        Version version = versionOf(row, files);
                        String unfixable = row.success() ? whyUnfixable(row, version, rows) : null;
                        if (unfixable != null) {
                            leftAlone.add(unfixable);
                        } else if (row.success()) {
                            history.updateVersion(row.installedRank(), version);
                            fixed.add(describe(row) + " is now version " + version);
                        }
                        break;
                    default:
                        break;
                }
            }
            return new Repaired(accepted, filled, fixed, history.deleteFailed(), leftAlone);
        });
    }

    /** Why an unreadable row cannot get the version of its script, or null when it can (failed rows are removed). */
    private static String whyUnfixable(AppliedMigration row, Version version, List<AppliedMigration> rows) {
        if (version == null) {
            return describe(row) + ": its script's name carries no version; correct or delete the row by hand";
        }
        for (AppliedMigration other : rows) {
            if (other.success() && version.equals(other.version())) {
                return describe(row) + ": version " + version + " already has row " + other.installedRank()
                        + "; delete one of them by hand";
            }
        }
        return null;
    }

    /** The version of the file that has the row's script, else the one its name carries. */
    private static Version versionOf(AppliedMigration row, List<ResolvedMigration> files) {
        for (ResolvedMigration file : files) {
            if (file.isVersioned() && file.script().equals(row.script())) {
                return file.version();
            }
        }
        return Resolver.versionInName(row.script());
    }

    private static String describe(AppliedMigration row) {
        return "row " + row.installedRank() + " (" + row.script() + ", version "
                + (row.versionText() == null ? "NULL" : "'" + row.versionText() + "'") + ")";
    }

    private List<ResolvedMigration> resolve() throws SQLException {
        return Resolver.forCurrentThread().resolve(operator.database().settings().list(Setting.LOCATIONS),
                operator.database().settings().isSet(Setting.LOCATIONS));
    }
}
