package io.sluice.migrations.plan;

import io.sluice.migrations.config.Setting;
import io.sluice.migrations.model.AppliedMigration;
import io.sluice.migrations.model.MigrationType;
import io.sluice.migrations.model.ResolvedMigration;
import io.sluice.migrations.model.Version;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The history compared with the files found here, before anything is planned: rows a person
 * edited by hand (a version that is not one, a checksum set to NULL, a row deleted or marked
 * failed below the current version) and rows of another application's folder. Pure: rows and
 * files in, findings out.
 */
final class HistoryCheck {
    private final AppliedState applied;
    private final Map<Version, ResolvedMigration> versioned;
    private final List<HistoryFinding> findings = new ArrayList<>();

    private HistoryCheck(AppliedState applied, Map<Version, ResolvedMigration> versioned) {
        this.applied = applied;
        this.versioned = versioned;
    }

    /**
     * @param rows       the history as read, in rank order
     * @param target     the highest version to apply, or null for all
     * @param outOfOrder whether a pending version below the current one may run ({@code sluice.outOfOrder})
     */
    static List<HistoryFinding> check(List<AppliedMigration> rows, AppliedState applied,
                                      Map<Version, ResolvedMigration> versioned, Version target, boolean outOfOrder) {
        HistoryCheck check = new HistoryCheck(applied, versioned);
        for (AppliedMigration row : rows) {
            if (row.hasUnreadableVersion()) {
                check.unreadable(row);
            }
        }
        for (AppliedMigration row : applied.rows()) {
            check.compareWithFile(row);
        }
        for (ResolvedMigration file : versioned.values()) {
            if (!applied.isApplied(file.version()) && (target == null || file.version().compareTo(target) <= 0)) {
                check.orderOf(file, rows, outOfOrder);
            }
        }
        return check.findings;
    }

    private void unreadable(AppliedMigration row) {
        String what = "History row " + row.installedRank() + " (" + row.script() + ") has "
                + (row.versionText() == null ? "no version" : "the version '" + row.versionText() + "', which is not a version");
        if (!row.success()) {
            add(HistoryFinding.Rule.UNREADABLE_VERSION, Finding.Severity.WARNING, row, null, what
                    + "; it records a failed run and counts for nothing; the command-line tool's repair removes it");
            return;
        }
        add(HistoryFinding.Rule.UNREADABLE_VERSION, Finding.Severity.ERROR, row, null, what
                + ", so what is applied cannot be told; run the command-line tool's repair, which takes the version "
                + "from the script's name, or correct the row by hand");
    }

    /** An applied row against the file of its version: same script and same checksum, or a finding. */
    private void compareWithFile(AppliedMigration row) {
        ResolvedMigration file = versioned.get(row.version());
        if (file == null || file.checksum() == null) {
            return;
        }
        boolean unchecked = row.checksum() == null;
        // A Java migration's row has no checksum; a future algorithm's checksum cannot be recomputed here.
        if ((unchecked && row.type() != MigrationType.SQL) || (!unchecked && !Planner.isComparable(row.checksum()))) {
            return;
        }
        String fileChecksum = unchecked ? null : Planner.checksumOf(file, row.checksum());
        if (!unchecked && fileChecksum.equals(row.checksum())) {
            return;
        }
        if (!fileName(row.script()).equals(fileName(file.script()))) {
            // Same version, other name and no proof of the same text: a folder that is not this
            // database's. Accepting its checksum would record tables that were never created.
            add(HistoryFinding.Rule.OTHER_SCRIPT, Finding.Severity.ERROR, row, file, "Version " + row.version()
                    + " was applied as " + row.script() + ", but the file of version " + row.version() + " here is "
                    + file.source() + ": these migrations are not the ones this database was migrated with; check "
                    + Setting.LOCATIONS.property() + " and the database URL, or give a renamed file back the name "
                    + "it was applied under");
        } else if (unchecked) {
            add(HistoryFinding.Rule.NO_CHECKSUM, Finding.Severity.ERROR, row, file, "The history row of " + file.source()
                    + " has no checksum, so a change to the file cannot be detected; check that the file is what was "
                    + "applied, then record its checksum with the command-line tool's repair");
        } else {
            add(HistoryFinding.Rule.CHECKSUM_MISMATCH, Finding.Severity.ERROR, row, file, "Migration " + file.source()
                    + " was changed after it was applied (history " + row.checksum() + ", file " + fileChecksum
                    + "); restore the applied text and put the change in a new migration, "
                    + "or accept it with the command-line tool's repair");
        }
    }

    /** A pending version below the newest applied one: a new file, or a row someone deleted or marked failed. */
    private void orderOf(ResolvedMigration file, List<AppliedMigration> rows, boolean outOfOrder) {
        Version current = applied.current();
        if (current == null || file.version().compareTo(current) >= 0 || hasUnreadableRow(rows, file)) {
            return;
        }
        if (outOfOrder) {
            add(HistoryFinding.Rule.OUT_OF_ORDER, Finding.Severity.WARNING, null, file, file.script()
                    + " is older than the current version " + current + " and was never applied; applying it out of "
                    + "order (" + Setting.OUT_OF_ORDER.property() + "=true)");
            return;
        }
        AppliedMigration failed = failedRow(rows, file.version());
        add(HistoryFinding.Rule.OUT_OF_ORDER, Finding.Severity.ERROR, failed, file,
                file.source() + " (version " + file.version() + ") is not applied but version " + current + " is"
                + (failed != null ? " (its history row is marked failed)" : "")
                + "; running it now would apply it out of order: if it was applied, restore its history row; "
                + "if it is meant to run after " + current + ", set " + Setting.OUT_OF_ORDER.property() + "=true");
    }

    /** The file's own row with its version garbled: reported as that, not once more as out of order. */
    private static boolean hasUnreadableRow(List<AppliedMigration> rows, ResolvedMigration file) {
        for (AppliedMigration row : rows) {
            if (row.hasUnreadableVersion() && row.script().equals(file.script())) {
                return true;
            }
        }
        return false;
    }

    private static AppliedMigration failedRow(List<AppliedMigration> rows, Version version) {
        AppliedMigration last = null;
        for (AppliedMigration row : rows) {
            if (!row.success() && version.equals(row.version())) {
                last = row;
            }
        }
        return last;
    }

    private void add(HistoryFinding.Rule rule, Finding.Severity severity, AppliedMigration row, ResolvedMigration file,
                     String message) {
        findings.add(new HistoryFinding(rule, severity, row, file, message));
    }

    private static String fileName(String script) {
        return script.substring(script.lastIndexOf('/') + 1);
    }
}
