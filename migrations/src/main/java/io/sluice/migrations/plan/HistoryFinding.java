package io.sluice.migrations.plan;

import io.sluice.migrations.error.Problem;
import io.sluice.migrations.error.SluiceException;
import io.sluice.migrations.model.AppliedMigration;
import io.sluice.migrations.model.ResolvedMigration;

import java.util.Locale;

/**
 * Something wrong between the history table and the migrations found here, seen before anything
 * runs: an error stops the gate, and {@code validate}, {@code status} and {@code repair} show or
 * fix the same finding.
 */
public final class HistoryFinding {
    /** What is wrong; each refuses with its own {@link Problem}. */
    public enum Rule {
        /** The version column holds something that is not a version. */
        UNREADABLE_VERSION(Problem.INVALID_HISTORY),
        /** The row records another script than the file of its version here: another application's folder. */
        OTHER_SCRIPT(Problem.INVALID_HISTORY),
        /** An applied SQL row without a checksum: a change to its file could not be seen. */
        NO_CHECKSUM(Problem.CHECKSUM_MISMATCH),
        /** The applied file changed. */
        CHECKSUM_MISMATCH(Problem.CHECKSUM_MISMATCH),
        /** A pending versioned migration is older than the newest applied one. */
        OUT_OF_ORDER(Problem.OUT_OF_ORDER);

        private final Problem problem;

        Rule(Problem problem) {
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }

        /** The name of validate's and status's output: {@code out-of-order}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final Rule rule;
    private final Finding.Severity severity;
    private final AppliedMigration row;
    private final ResolvedMigration file;
    private final String message;

    HistoryFinding(Rule rule, Finding.Severity severity, AppliedMigration row, ResolvedMigration file, String message) {
        this.rule = rule;
        this.severity = severity;
        this.row = row;
        this.file = file;
        this.message = message;
    }

    public Rule rule() {
        return rule;
    }

    public Finding.Severity severity() {
        return severity;
    }

    /** The history row concerned; null for a migration that has no row (out of order). */
    public AppliedMigration row() {
        return row;
    }

    /** The file of the row's version here; null when there is none. */
    public ResolvedMigration file() {
        return file;
    }

    public String message() {
        return message;
    }

    /** The script to name in a report: the file's when there is one, else the row's. */
    public String script() {
        return file != null ? file.script() : row.script();
    }

    /** The version to name in a report, as the history or the file spells it; null for none. */
    public String version() {
        if (file != null && file.version() != null) {
            return file.version().toString();
        }
        return row == null ? null : row.versionText();
    }

    /** As a lint finding of {@code validate}: no line, the rule's label. */
    public Finding asFinding() {
        return new Finding(0, severity, rule.label(), message);
    }

    SluiceException refusal() {
        return new SluiceException(rule.problem(), message);
    }

    @Override
    public String toString() {
        return severity.label() + " [" + rule.label() + "] " + message;
    }
}
