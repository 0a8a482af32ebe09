package io.sluice.migrations.plan;

import io.sluice.migrations.config.Setting;
import io.sluice.migrations.model.ResolvedMigration;
import io.sluice.migrations.plan.PlannedStatement.Action;
import io.sluice.migrations.sql.Placeholders;
import io.sluice.migrations.sql.Reach;
import io.sluice.migrations.sql.SplitRules;
import io.sluice.migrations.sql.SqlStatement;
import io.sluice.migrations.sql.SqlWords;
import io.sluice.migrations.sql.StatementKind;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans each statement of the pending migrations against the catalog as the earlier ones will
 * leave it (SPEC §3), before anything runs: certain conflicts and unapproved destructive
 * statements refuse the gate here. The model it plans against is conservative ({@link RunModel}):
 * where it cannot be sure, the plan says the statement is decided when it runs, and every skip it
 * predicts is confirmed against the live catalog then. Also lints (destructive statements, the
 * dialect's lock hazards) and decides which scripts run outside a transaction.
 */
public final class StatementPlanner {
    /** The dialect's lock-hazard warnings for one statement. */
    public interface Lint {
        List<Finding> hazards(StatementKind kind, int line, boolean onExistingTable);
    }

    /** The dialect's statements that cannot run inside a transaction block. */
    public interface TransactionRule {
        boolean cannotRunInTransaction(String sql);
    }

    private final RunModel model;
    private final Decider decider;
    private final Lint lint;
    private final TransactionRule transactionRule;
    private final SplitRules rules;
    private final boolean allowDestructive;
    private final boolean mixed;

    /**
     * @param catalog the live catalog of {@code schema} before the run
     * @param mixed   Flyway's {@code mixed}: a script that mixes statements that cannot run in a
     *                transaction with others runs outside one instead of being refused
     */
    public StatementPlanner(CatalogSnapshot catalog, String schema, Decider.ShapeProbe probe, Lint lint,
                            TransactionRule transactionRule, SplitRules rules, boolean allowDestructive, boolean mixed) {
        this.model = new RunModel(catalog);
        this.decider = new Decider(model, probe, schema);
        this.lint = lint;
        this.transactionRule = transactionRule;
        this.rules = rules;
        this.allowDestructive = allowDestructive;
        this.mixed = mixed;
    }

    /**
     * Plans every pending migration, in order, each against the catalog the earlier ones leave.
     *
     * @throws IllegalArgumentException for an unknown placeholder, naming it, the file and the line
     */
    public Plan plan(Plan plan, Placeholders placeholders) throws SQLException {
        List<PlannedMigration> planned = new ArrayList<>();
        for (PlannedMigration migration : plan.pending()) {
            planned.add(plan(migration, placeholders));
        }
        return plan.withMigrations(planned);
    }

    /** The effects whose presence or absence the catalog shows: what a recorded migration must have left. */
    private static final java.util.Set<StatementKind.Kind> CHECKABLE = java.util.EnumSet.of(
            StatementKind.Kind.CREATE_TABLE, StatementKind.Kind.CREATE_INDEX, StatementKind.Kind.CREATE_VIEW,
            StatementKind.Kind.CREATE_TRIGGER, StatementKind.Kind.ADD_COLUMN, StatementKind.Kind.DROP_COLUMN,
            StatementKind.Kind.RENAME_COLUMN, StatementKind.Kind.RENAME_TABLE, StatementKind.Kind.DROP_TABLE,
            StatementKind.Kind.DROP_VIEW, StatementKind.Kind.DROP_INDEX, StatementKind.Kind.DROP_TRIGGER);

    /**
     * Checks migrations a home-made history says already ran, before any pending one is planned:
     * nothing of them runs, but each DDL statement the plan can be sure of must find its effect in
     * the catalog. The model advances past them, so the pending migrations are planned after them.
     *
     * @return what is missing, as "V2__x.sql line 3: …"; empty when the catalog agrees
     */
    public List<String> checkRecorded(List<PlannedMigration> recorded, Placeholders placeholders) throws SQLException {
        List<String> missing = new ArrayList<>();
        for (PlannedMigration migration : recorded) {
            for (PlannedStatement statement : plan(migration, placeholders).plannedStatements()) {
                boolean checkable = !statement.effects().isEmpty();
                for (StatementKind effect : statement.effects()) {
                    checkable &= CHECKABLE.contains(effect.kind()) && !effect.isGuarded();
                }
                boolean absent = statement.action() == Action.APPLY && !statement.isLive() && statement.reason() == null;
                if (checkable && (absent || statement.action() == Action.CONFLICT)) {
                    missing.add(migration.migration().script() + " line " + statement.line() + ": "
                            + (absent ? "what it does to " + statement.object() + " is not in the database" : statement.reason()));
                }
            }
        }
        return missing;
    }

    private PlannedMigration plan(PlannedMigration migration, Placeholders placeholders) throws SQLException {
        ResolvedMigration resolved = migration.migration();
        Placeholders forScript = placeholders.forScript(resolved.script());
        boolean approved = allowDestructive || migration.allowsDestructive();
        List<PlannedStatement> statements = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        TransactionShape transaction = new TransactionShape();
        for (SqlStatement statement : migration.statements()) {
            String sql;
            try {
                sql = forScript.replace(statement.sql());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(resolved.source() + " line " + statement.line() + ": " + e.getMessage(), e);
            }
            List<StatementKind> kinds = StatementKind.classify(sql, rules);
            for (StatementKind kind : kinds) {
                if (kind.isDestructive() && !approved) {
                    findings.add(new Finding(statement.line(), Finding.Severity.ERROR, "destructive", describe(kind)
                            + " is destructive; approve it with -- sluice:allow-destructive in the file or "
                            + Setting.ALLOW_DESTRUCTIVE.property() + "=true"));
                }
                findings.addAll(lint.hazards(kind, statement.line(), model.existedBeforeRun(kind.table())));
            }
            transaction.add(statement.line(), sql);
            Decision decision = decider.decide(kinds);
            if (decision.action() == Action.SKIP || decision.dropFirst() != null) {
                decision = decision.confirmedLive(); // a skip rests on live evidence only
            }
            statements.add(new PlannedStatement(sql, statement.line(), decision, kinds));
            Reach reach = Reach.of(sql, kinds, rules);
            model.advance(kinds, reach, reach == Reach.NAMES ? SqlWords.identifiers(sql, rules) : null,
                    resolved.script() + " line " + statement.line());
        }
        boolean outside = !migration.isTransactional() || transaction.runsOutside(findings);
        return migration.planned(statements, findings, outside);
    }

    /** "DROP TABLE loans", "DELETE without WHERE on loans". */
    private static String describe(StatementKind kind) {
        String verb = kind.kind().name().replace('_', ' ');
        boolean unfiltered = kind.kind() == StatementKind.Kind.DELETE || kind.kind() == StatementKind.Kind.UPDATE;
        return unfiltered ? verb + " without WHERE on " + kind.object() : verb + " " + kind.object();
    }

    /**
     * Whether a script can run in a transaction, as Flyway decides it: a script made only of
     * statements that cannot runs outside one by itself; one that mixes them with others is refused,
     * naming both lines, unless {@code mixed}; a bare BEGIN or COMMIT would break the migration's
     * own transaction, so it is refused in a script that runs in one.
     */
    private final class TransactionShape {
        private int outsideLine;
        private String outsideSql;
        private int insideLine;
        private int controlLine;

        void add(int line, String sql) {
            if (Reach.isTransactionControl(sql, rules)) {
                controlLine = controlLine == 0 ? line : controlLine;
            } else if (transactionRule.cannotRunInTransaction(sql)) {
                if (outsideLine == 0) {
                    outsideLine = line;
                    outsideSql = firstWords(sql);
                }
            } else if (insideLine == 0) {
                insideLine = line;
            }
        }

        boolean runsOutside(List<Finding> findings) {
            boolean outside = outsideLine != 0 && (insideLine == 0 || mixed);
            if (outsideLine != 0 && insideLine != 0 && !mixed) {
                findings.add(new Finding(outsideLine, Finding.Severity.ERROR, "mixed-transaction", "line " + outsideLine
                        + " (" + outsideSql + ") cannot run in a transaction but line " + insideLine + " must run in one; "
                        + "move them to separate migrations, or set " + Setting.MIXED.property() + "=true to run the whole script outside a transaction"));
            }
            if (controlLine != 0 && !outside) {
                findings.add(new Finding(controlLine, Finding.Severity.ERROR, "transaction-control", "line " + controlLine
                        + " would end the transaction the migration runs in; remove BEGIN/COMMIT (each migration already "
                        + "runs in its own transaction), or mark the script -- sluice:no-transaction"));
            }
            return outside;
        }

        private String firstWords(String sql) {
            return String.join(" ", SqlWords.leadingWords(sql, rules, 4)).toUpperCase(java.util.Locale.ROOT);
        }
    }
}
