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

    PlannedMigration(ResolvedMigration migration, List<SqlStatement> statements, List<String> directives) {
        this.migration = migration;
        this.statements = Collections.unmodifiableList(statements);
        this.directives = Collections.unmodifiableList(directives);
    }

    public ResolvedMigration migration() {
        return migration;
    }

    /** Empty for Java migrations. */
    public List<SqlStatement> statements() {
        return statements;
    }

    /** {@code -- sluice:no-transaction}: run outside a transaction (e.g. CREATE INDEX CONCURRENTLY). */
    public boolean isTransactional() {
        return !directives.contains(NO_TRANSACTION);
    }

    public boolean allowsDestructive() {
        return directives.contains(ALLOW_DESTRUCTIVE);
    }

    @Override
    public String toString() {
        return migration.script();
    }
}
