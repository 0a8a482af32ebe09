package io.sluice.migrations.plan;

import io.sluice.migrations.model.ResolvedMigration;
import io.sluice.migrations.plan.PlannedStatement.Action;
import io.sluice.migrations.sql.Placeholders;
import io.sluice.migrations.sql.SplitRules;
import io.sluice.migrations.sql.SqlStatement;
import io.sluice.migrations.sql.StatementKind;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Plans each statement of the pending migrations against the catalog as the earlier ones will
 * leave it (SPEC §3): its effect already present with the same shape → skip; the object there
 * with another shape → conflict; otherwise apply. Data statements always apply. Also lints:
 * destructive statements need approval, and the dialect names its lock hazards.
 */
public final class StatementPlanner {
    /** The dialect's scratch place: the shape a {@code CREATE TABLE} definition would have. */
    public interface ShapeProbe {
        /** @return the shape, or null when the definition cannot be tried on its own */
        TableShape table(String definition) throws SQLException;
    }

    /** The dialect's lock-hazard warnings for one statement. */
    public interface Lint {
        List<Finding> hazards(StatementKind kind, int line, boolean onExistingTable);
    }

    private final CatalogSnapshot catalog;
    private final String schema;
    private final ShapeProbe probe;
    private final Lint lint;
    private final SplitRules rules;
    private final boolean allowDestructive;

    /**
     * @param catalog the live catalog of {@code schema}; it is advanced as statements are planned
     */
    public StatementPlanner(CatalogSnapshot catalog, String schema, ShapeProbe probe, Lint lint, SplitRules rules,
                            boolean allowDestructive) {
        this.catalog = catalog;
        this.schema = schema;
        this.probe = probe;
        this.lint = lint;
        this.rules = rules;
        this.allowDestructive = allowDestructive;
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

    private PlannedMigration plan(PlannedMigration migration, Placeholders placeholders) throws SQLException {
        ResolvedMigration resolved = migration.migration();
        Placeholders forScript = placeholders.forScript(resolved.script());
        boolean approved = allowDestructive || migration.allowsDestructive();
        List<PlannedStatement> statements = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
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
                            + " is destructive; approve it with -- sluice:allow-destructive in the file or sluice.allowDestructive=true"));
                }
                boolean existing = kind.table() != null && catalog.table(kind.table()) != null;
                findings.addAll(lint.hazards(kind, statement.line(), existing));
            }
            statements.add(decide(sql, statement.line(), kinds));
        }
        return migration.planned(statements, findings);
    }

    /** "DROP TABLE loans", "DELETE without WHERE on loans". */
    private static String describe(StatementKind kind) {
        String verb = kind.kind().name().replace('_', ' ');
        boolean unfiltered = kind.kind() == StatementKind.Kind.DELETE || kind.kind() == StatementKind.Kind.UPDATE;
        return unfiltered ? verb + " without WHERE on " + kind.object() : verb + " " + kind.object();
    }

    /**
     * One action for the whole statement, which runs whole or not at all: a conflict in any of its
     * effects is a conflict, else any effect still missing makes it apply, else it is skipped.
     */
    private PlannedStatement decide(String sql, int line, List<StatementKind> kinds) throws SQLException {
        boolean conflict = false;
        boolean apply = false;
        List<String> reasons = new ArrayList<>();
        for (StatementKind kind : kinds) {
            Decision decision = decide(kind);
            conflict |= decision.action == Action.CONFLICT;
            apply |= decision.action == Action.APPLY;
            if (decision.reason != null) {
                reasons.add(decision.reason);
            }
        }
        Action action = conflict ? Action.CONFLICT : apply ? Action.APPLY : Action.SKIP;
        return new PlannedStatement(sql, line, action, kinds.get(0).object(), reasons.isEmpty() ? null : String.join("; ", reasons));
    }

    private static final class Decision {
        final Action action;
        final String reason;

        Decision(Action action, String reason) {
            this.action = action;
            this.reason = reason;
        }
    }

    private static Decision apply(String reason) {
        return new Decision(Action.APPLY, reason);
    }

    private static Decision skip(String reason) {
        return new Decision(Action.SKIP, reason);
    }

    private static Decision conflict(String reason) {
        return new Decision(Action.CONFLICT, reason);
    }

    private Decision decide(StatementKind kind) throws SQLException {
        if (kind.schema() != null && !kind.schema().equalsIgnoreCase(schema)) {
            return apply("schema " + kind.schema() + " is not inspected");
        }
        switch (kind.kind()) {
            case CREATE_TABLE:
                return createTable(kind);
            case CREATE_INDEX:
                return createIndex(kind);
            case CREATE_VIEW:
                if (!kind.isOrReplace() && catalog.hasView(kind.name())) {
                    return skip("view " + kind.name() + " already exists");
                }
                catalog.putView(kind.name());
                return apply(null);
            case CREATE_TRIGGER:
                if (catalog.hasTrigger(kind.name())) {
                    return skip("trigger " + kind.name() + " already exists");
                }
                catalog.putTrigger(kind.name());
                return apply(null);
            case ADD_COLUMN:
                return addColumn(kind);
            case DROP_COLUMN:
                return dropColumn(kind);
            case RENAME_COLUMN:
                return renameColumn(kind);
            case RENAME_TABLE:
                return renameTable(kind);
            case DROP_TABLE:
                if (catalog.table(kind.name()) == null) {
                    return skip("table " + kind.name() + " does not exist");
                }
                catalog.removeTable(kind.name());
                return apply(null);
            case DROP_VIEW:
                if (!catalog.hasView(kind.name())) {
                    return skip("view " + kind.name() + " does not exist");
                }
                catalog.removeView(kind.name());
                return apply(null);
            case DROP_INDEX:
                if (catalog.index(kind.name()) == null) {
                    return skip("index " + kind.name() + " does not exist");
                }
                catalog.removeIndex(kind.name());
                return apply(null);
            case DROP_TRIGGER:
                if (!catalog.hasTrigger(kind.name())) {
                    return skip("trigger " + kind.name() + " does not exist");
                }
                catalog.removeTrigger(kind.name());
                return apply(null);
            default:
                return apply(null);
        }
    }

    private Decision createTable(StatementKind kind) throws SQLException {
        TableShape existing = catalog.table(kind.name());
        boolean fromQuery = !kind.definition().startsWith("(");
        TableShape intended = fromQuery ? null : probe.table(kind.definition());
        if (existing == null) {
            catalog.putTable(kind.name(), intended != null ? intended : new TableShape(new ArrayList<TableShape.Column>()));
            return apply(null);
        }
        if (fromQuery) {
            return skip("table " + kind.name() + " already exists");
        }
        if (intended == null) {
            return conflict("table " + kind.name() + " exists and the shape this statement wants cannot be determined");
        }
        String difference = existing.difference(intended);
        return difference == null ? skip("table " + kind.name() + " already exists")
                : conflict("table " + kind.name() + " exists with a different shape: " + difference);
    }

    private Decision createIndex(StatementKind kind) {
        IndexShape intended = new IndexShape(kind.table(), kind.indexColumns(), kind.isUnique());
        IndexShape existing = catalog.index(kind.name());
        if (existing == null) {
            catalog.putIndex(kind.name(), intended);
            return apply(null);
        }
        String difference = existing.difference(intended);
        return difference == null ? skip("index " + kind.name() + " already exists")
                : conflict("index " + kind.name() + " exists with a different shape: " + difference);
    }

    private Decision addColumn(StatementKind kind) throws SQLException {
        TableShape table = catalog.table(kind.table());
        if (table == null) {
            return apply(null);
        }
        TableShape probed = probe.table("(" + kind.definition() + ")");
        TableShape.Column intended = probed == null ? null : probed.column(kind.name());
        TableShape.Column existing = table.column(kind.name());
        if (existing == null) {
            catalog.putTable(kind.table(), table.withColumn(intended != null ? intended
                    : new TableShape.Column(kind.name(), "", false, false)));
            return apply(null);
        }
        if (intended == null) {
            return conflict("column " + kind.object() + " exists and the shape this statement wants cannot be determined");
        }
        String difference = new TableShape(Collections.singletonList(existing))
                .difference(new TableShape(Collections.singletonList(intended)));
        return difference == null ? skip("column " + kind.object() + " already exists")
                : conflict("column " + kind.object() + " exists with a different shape: " + difference.replaceFirst("^column \\S+: ", ""));
    }

    private Decision dropColumn(StatementKind kind) {
        TableShape table = catalog.table(kind.table());
        if (table == null) {
            return apply(null);
        }
        if (table.column(kind.name()) == null) {
            return skip("column " + kind.object() + " does not exist");
        }
        catalog.putTable(kind.table(), table.withoutColumn(kind.name()));
        return apply(null);
    }

    private Decision renameColumn(StatementKind kind) {
        TableShape table = catalog.table(kind.table());
        if (table == null) {
            return apply(null);
        }
        if (table.column(kind.name()) == null && table.column(kind.newName()) != null) {
            return skip("column " + kind.table() + "." + kind.name() + " is already renamed to " + kind.newName());
        }
        catalog.putTable(kind.table(), table.withRenamedColumn(kind.name(), kind.newName()));
        return apply(null);
    }

    private Decision renameTable(StatementKind kind) {
        if (catalog.table(kind.name()) == null && catalog.table(kind.newName()) != null) {
            return skip("table " + kind.name() + " is already renamed to " + kind.newName());
        }
        catalog.renameTable(kind.name(), kind.newName());
        return apply(null);
    }
}
