package io.sluice.migrations.plan;

import io.sluice.migrations.model.ResolvedMigration;
import io.sluice.migrations.sql.SqlStatement;

import java.util.Collections;
import java.util.List;

/** A pending migration with its statements split, ready to run. */
public final class PlannedMigration {
    static final String ALLOW_DESTRUCTIVE = "allow-destructive";
    static final String NO_TRANSACTION = "no-transaction";

    private final ResolvedMigration migration;
    private final List<SqlStatement> statements;
    private final List<String> directives;
    private final List<PlannedStatement> planned;
    private final List<Finding> findings;
    private final boolean outsideTransaction;

    PlannedMigration(ResolvedMigration migration, List<SqlStatement> statements, List<String> directives) {
        this(migration, statements, directives, Collections.<PlannedStatement>emptyList(), Collections.<Finding>emptyList(),
                directives.contains(NO_TRANSACTION));
    }

    private PlannedMigration(ResolvedMigration migration, List<SqlStatement> statements, List<String> directives,
                             List<PlannedStatement> planned, List<Finding> findings, boolean outsideTransaction) {
        this.migration = migration;
        this.statements = Collections.unmodifiableList(statements);
        this.directives = Collections.unmodifiableList(directives);
        this.planned = Collections.unmodifiableList(planned);
        this.findings = Collections.unmodifiableList(findings);
        this.outsideTransaction = outsideTransaction;
    }

    /**
     * This migration with each statement's action decided and its lint findings.
     *
     * @param outside whether it runs outside a transaction: its directive says so, or its statements need it
     */
    PlannedMigration planned(List<PlannedStatement> plannedStatements, List<Finding> lintFindings, boolean outside) {
        return new PlannedMigration(migration, statements, directives, plannedStatements, lintFindings, outside);
    }

    public ResolvedMigration migration() {
        return migration;
    }

    /** The statements as split from the script; empty for Java migrations. */
    public List<SqlStatement> statements() {
        return statements;
    }

    /** Each statement with its action (apply, skip, conflict), placeholders replaced. */
    public List<PlannedStatement> plannedStatements() {
        return planned;
    }

    public List<Finding> findings() {
        return findings;
    }

    /** A script whose every statement is already in effect: recorded as applied, marked adopted. */
    public boolean isAdopted() {
        if (planned.isEmpty()) {
            return false;
        }
        for (PlannedStatement statement : planned) {
            if (statement.action() != PlannedStatement.Action.SKIP) {
                return false;
            }
        }
        return true;
    }

    /**
     * False for a script that runs outside a transaction: marked {@code -- sluice:no-transaction},
     * made only of statements that cannot run in one (CREATE INDEX CONCURRENTLY, VACUUM…), or
     * mixing them with others under {@code sluice.mixed=true}.
     */
    public boolean isTransactional() {
        return !outsideTransaction;
    }

    public boolean allowsDestructive() {
        return directives.contains(ALLOW_DESTRUCTIVE);
    }

    @Override
    public String toString() {
        return migration.script();
    }
}
