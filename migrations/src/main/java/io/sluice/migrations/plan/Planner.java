package io.sluice.migrations.plan;

import io.sluice.migrations.error.Problem;
import io.sluice.migrations.error.SluiceException;
import io.sluice.migrations.model.AppliedMigration;
import io.sluice.migrations.model.MigrationType;
import io.sluice.migrations.model.ResolvedMigration;
import io.sluice.migrations.model.Version;
import io.sluice.migrations.resolve.Checksums;
import io.sluice.migrations.sql.Splitter;
import io.sluice.migrations.sql.SplitRules;
import io.sluice.migrations.sql.SqlStatement;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides what to apply: a pure function of the history rows and the resolved migrations. Only
 * pending scripts are split; applied ones are compared by checksum and never parsed again.
 */
public final class Planner {
    private final SplitRules splitRules;
    private final boolean outOfOrder;

    /** A planner that refuses pending versions below the current one. */
    public Planner(SplitRules splitRules) {
        this(splitRules, false);
    }

    /** @param outOfOrder whether a pending version below the current one may run ({@code sluice.outOfOrder}) */
    public Planner(SplitRules splitRules, boolean outOfOrder) {
        this.splitRules = splitRules;
        this.outOfOrder = outOfOrder;
    }

    /**
     * @param target the highest version to apply, or null for all
     * @throws SluiceException the first error of {@link HistoryCheck} (an applied script changed or has no
     *                         checksum, an unreadable or foreign history row, a version out of order), or
     *                         {@code INVALID_MIGRATION} when a pending script cannot be split
     */
    public Plan plan(List<AppliedMigration> history, List<ResolvedMigration> resolved, Version target)
            throws SluiceException {
        return plan(history, Collections.<AppliedMigration>emptyList(), resolved, target);
    }

    /**
     * @param flywayHistory Flyway's successful rows, used when Sluice has no history yet: they count as
     *                      applied (their checksums checked with Flyway's algorithm) and are copied into
     *                      Sluice's table when the gate first writes it
     */
    public Plan plan(List<AppliedMigration> history, List<AppliedMigration> flywayHistory, List<ResolvedMigration> resolved,
                     Version target) throws SluiceException {
        return plan(history, flywayHistory, resolved, target, true);
    }

    /**
     * As {@link #plan}, for the commands that report instead of refusing ({@code validate}, {@code status}):
     * what the gate would refuse in the history is in {@link Plan#historyFindings()}.
     *
     * @throws SluiceException {@code INVALID_MIGRATION} when a pending script cannot be split
     */
    public Plan review(List<AppliedMigration> history, List<AppliedMigration> flywayHistory, List<ResolvedMigration> resolved,
                       Version target) throws SluiceException {
        return plan(history, flywayHistory, resolved, target, false);
    }

    private Plan plan(List<AppliedMigration> history, List<AppliedMigration> flywayHistory, List<ResolvedMigration> resolved,
                      Version target, boolean refuse) throws SluiceException {
        boolean adoptFlyway = history.isEmpty() && !flywayHistory.isEmpty();
        List<AppliedMigration> rows = adoptFlyway ? flywayHistory : history;
        AppliedState applied = AppliedState.of(rows);
        List<String> warnings = new ArrayList<>();
        Map<Version, ResolvedMigration> versioned = byVersion(resolved);
        Map<String, ResolvedMigration> repeatable = new HashMap<>();
        for (ResolvedMigration migration : resolved) {
            if (migration.type() == MigrationType.REPEATABLE) {
                repeatable.put(migration.description(), migration);
            }
        }
        List<HistoryFinding> findings = HistoryCheck.check(rows, applied, versioned, target, outOfOrder);
        for (HistoryFinding finding : findings) {
            if (finding.severity() == Finding.Severity.ERROR && refuse) {
                throw finding.refusal();
            }
            if (finding.severity() == Finding.Severity.WARNING) {
                warnings.add(finding.message());
            }
        }

        List<PlannedMigration> pending = new ArrayList<>();
        for (ResolvedMigration migration : versioned.values()) {
            Version version = migration.version();
            if (!applied.isApplied(version) && (target == null || version.compareTo(target) <= 0)) {
                pending.add(split(migration));
            }
        }
        for (ResolvedMigration migration : repeatable.values()) {
            AppliedMigration last = applied.lastRepeatable(migration.description());
            if (last == null || !checksumOf(migration, last.checksum()).equals(last.checksum())) {
                pending.add(split(migration));
            }
        }
        pending.sort((a, b) -> compare(a.migration(), b.migration()));

        List<Version> future = new ArrayList<>();
        Version newestKnown = null;
        for (Version version : versioned.keySet()) {
            newestKnown = version; // in version order: the last is the newest
        }
        for (Version version : applied.versions()) {
            if (versioned.containsKey(version)) {
                continue;
            }
            if (newestKnown == null || version.compareTo(newestKnown) > 0) {
                future.add(version);
            } else {
                warnings.add("version " + version + " is in the history but its migration is missing here");
            }
        }
        List<AppliedMigration> imported = adoptFlyway ? withOwnChecksums(flywayHistory, versioned, repeatable)
                : Collections.<AppliedMigration>emptyList();
        int lastRank = 0;
        for (AppliedMigration row : history) {
            lastRank = Math.max(lastRank, row.installedRank());
        }
        return new Plan(applied.current(), pending, future, warnings, imported, lastRank, findings);
    }

    /** Flyway's rows with Sluice's checksum of the same (verified) file, ready to be written as adopted rows. */
    private static List<AppliedMigration> withOwnChecksums(List<AppliedMigration> rows, Map<Version, ResolvedMigration> versioned,
                                                           Map<String, ResolvedMigration> repeatable) {
        List<AppliedMigration> imported = new ArrayList<>();
        for (AppliedMigration row : rows) {
            ResolvedMigration file = row.version() != null ? versioned.get(row.version()) : repeatable.get(row.description());
            imported.add(new AppliedMigration(row.installedRank(), row.version(), row.description(), row.type(), row.script(),
                    file == null ? null : file.checksum(), row.installedBy(), row.installedOn(), row.executionTimeMs(),
                    true, true, null));
        }
        return imported;
    }

    private static int compare(ResolvedMigration a, ResolvedMigration b) {
        if (a.version() != null && b.version() != null) {
            return a.version().compareTo(b.version());
        }
        if (a.version() != null || b.version() != null) {
            return a.version() != null ? -1 : 1;
        }
        return a.description().compareTo(b.description());
    }

    /**
     * What {@code repair} can act on: every finding of the history against these files, with
     * versions below the current one reported as warnings (repair cannot bring back a row).
     */
    public static List<HistoryFinding> checkHistory(List<AppliedMigration> history, List<ResolvedMigration> resolved) {
        return HistoryCheck.check(history, AppliedState.of(history), byVersion(resolved), null, true);
    }

    /**
     * The versioned scripts by version, iterated in version order; hashed, not sorted, as every
     * history row looks its file up. The resolver lists them in order already, so the sort is a pass.
     */
    private static Map<Version, ResolvedMigration> byVersion(List<ResolvedMigration> resolved) {
        List<ResolvedMigration> files = new ArrayList<>();
        for (ResolvedMigration migration : resolved) {
            if (migration.isVersioned()) {
                files.add(migration);
            }
        }
        files.sort((a, b) -> a.version().compareTo(b.version()));
        Map<Version, ResolvedMigration> versioned = new LinkedHashMap<>();
        for (ResolvedMigration file : files) {
            versioned.put(file.version(), file);
        }
        return versioned;
    }

    /** The version the history leaves the database at (undo and baseline rows counted), or null. */
    public static Version currentVersion(List<AppliedMigration> history) {
        return AppliedState.of(history).current();
    }

    /** A script split into its statements, not planned yet: a recorded migration to check against the catalog. */
    public PlannedMigration forCheck(ResolvedMigration migration) throws SluiceException {
        return split(migration);
    }

    /** An undo script, split and with every statement to apply: undo is an explicit operator's order. */
    public PlannedMigration forUndo(ResolvedMigration undo) throws SluiceException {
        PlannedMigration split = split(undo);
        List<PlannedStatement> statements = new ArrayList<>();
        for (SqlStatement statement : split.statements()) {
            statements.add(PlannedStatement.applied(statement.sql(), statement.line()));
        }
        return split.planned(statements, Collections.<Finding>emptyList(), !split.isTransactional());
    }

    /** A checksum this code can recompute: Sluice's own or Flyway's; a future algorithm's is left alone. */
    static boolean isComparable(String checksum) {
        return checksum != null && (checksum.startsWith(Checksums.PREFIX) || checksum.startsWith(Checksums.FLYWAY_PREFIX));
    }

    /** The file's checksum in the algorithm of a history row: Sluice's own, or Flyway's for adopted rows. */
    static String checksumOf(ResolvedMigration file, String rowChecksum) {
        return rowChecksum != null && rowChecksum.startsWith(Checksums.FLYWAY_PREFIX) && file.text() != null
                ? Checksums.flywayCrc32(file.text()) : file.checksum();
    }

    private PlannedMigration split(ResolvedMigration migration) throws SluiceException {
        if (migration.text() == null) {
            return new PlannedMigration(migration, Collections.<SqlStatement>emptyList(), Collections.<String>emptyList());
        }
        try {
            return new PlannedMigration(migration, Splitter.split(migration.text(), splitRules),
                    Splitter.directives(migration.text(), splitRules));
        } catch (IllegalArgumentException e) {
            throw new SluiceException(Problem.INVALID_MIGRATION, "Cannot read " + migration.source() + ": "
                    + e.getMessage(), e);
        }
    }
}
