package io.sluice.migrations.plan;

import io.sluice.migrations.plan.PlannedStatement.Action;
import io.sluice.migrations.sql.StatementKind;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Decides one statement against a catalog (SPEC §3): its effect already present with the same
 * shape → skip; the object there with another shape → conflict; otherwise apply. The same rules
 * serve the planner, asking its model (which may not know, and then defers to run time), and the
 * migrator, asking the live catalog right before the statement runs. A statement with its own
 * guard always runs: the guard is the database's own idempotency.
 */
public final class Decider {
    /** The dialect's scratch place: the shape a {@code CREATE TABLE} definition would have. */
    public interface ShapeProbe {
        /** @return the shape, or null when the definition cannot be tried on its own */
        TableShape table(String definition) throws SQLException;
    }

    private final CatalogView catalog;
    private final ShapeProbe probe;
    private final String schema;

    public Decider(CatalogView catalog, ShapeProbe probe, String schema) {
        this.catalog = catalog;
        this.probe = probe;
        this.schema = schema;
    }

    /**
     * One decision for the whole statement, which runs whole or not at all: a conflict in any effect
     * is a conflict; else any effect certainly missing makes it apply; else, when every effect is
     * present, it is skipped; else it is decided live.
     */
    public Decision decide(List<StatementKind> effects) throws SQLException {
        List<Decision> decisions = new ArrayList<>(effects.size());
        for (StatementKind effect : effects) {
            Decision decision = decide(effect);
            if (decision.action() == Action.CONFLICT) {
                return decision;
            }
            decisions.add(decision);
        }
        boolean allSkipped = true;
        boolean anyLive = false;
        String dropFirst = null;
        for (Decision decision : decisions) {
            allSkipped &= decision.action() == Action.SKIP;
            anyLive |= decision.isLive();
            dropFirst = decision.dropFirst() != null ? decision.dropFirst() : dropFirst;
        }
        String reasons = reasons(decisions);
        if (allSkipped) {
            return Decision.skip(reasons);
        }
        for (Decision decision : decisions) {
            if (decision.action() == Action.APPLY && !decision.isLive()) {
                return dropFirst != null ? Decision.rebuild(reasons, dropFirst) : Decision.apply(reasons);
            }
        }
        return anyLive ? Decision.live(reasons) : Decision.apply(reasons);
    }

    private static String reasons(List<Decision> decisions) {
        List<String> reasons = new ArrayList<>();
        for (Decision decision : decisions) {
            if (decision.reason() != null && !reasons.contains(decision.reason())) {
                reasons.add(decision.reason());
            }
        }
        return reasons.isEmpty() ? null : String.join("; ", reasons);
    }

    private Decision decide(StatementKind kind) throws SQLException {
        if (kind.schema() != null && !kind.schema().equalsIgnoreCase(schema)) {
            return Decision.apply("schema " + kind.schema() + " is not inspected");
        }
        if (kind.kind() == StatementKind.Kind.CREATE_INDEX) {
            return createIndex(kind); // guarded or not: an INVALID index is rebuilt either way
        }
        if (kind.isGuarded()) {
            return Decision.apply(null);
        }
        switch (kind.kind()) {
            case CREATE_TABLE:
                return createTable(kind);
            case CREATE_VIEW:
                return create("view " + kind.name(), catalog.view(kind.name()));
            case CREATE_TRIGGER:
                return create("trigger " + kind.name(), catalog.trigger(kind.name()));
            case ADD_COLUMN:
                return addColumn(kind);
            case DROP_COLUMN:
                return dropColumn(kind);
            case RENAME_COLUMN:
                return renameColumn(kind);
            case RENAME_TABLE:
                return renameTable(kind);
            case DROP_TABLE:
                return drop("table " + kind.name(), catalog.table(kind.name()));
            case DROP_VIEW:
                return drop("view " + kind.name(), catalog.view(kind.name()));
            case DROP_INDEX:
                return drop("index " + kind.name(), catalog.index(kind.name()));
            case DROP_TRIGGER:
                return drop("trigger " + kind.name(), catalog.trigger(kind.name()));
            default:
                return Decision.apply(null);
        }
    }

    private static Decision unknown(String object, Lookup<?> lookup) {
        return Decision.live(object + " is decided when the statement runs: " + lookup.why());
    }

    private static Decision create(String object, Lookup<?> existing) {
        if (existing.isUnknown()) {
            return unknown(object, existing);
        }
        return existing.isPresent() ? Decision.skip(object + " already exists") : Decision.apply(null);
    }

    private static Decision drop(String object, Lookup<?> existing) {
        if (existing.isUnknown()) {
            return unknown(object, existing);
        }
        return existing.isAbsent() ? Decision.skip(object + " does not exist") : Decision.apply(null);
    }

    private Decision createTable(StatementKind kind) throws SQLException {
        String object = "table " + kind.name();
        Lookup<TableShape> existing = catalog.table(kind.name());
        if (existing.isUnknown()) {
            return unknown(object, existing);
        }
        if (existing.isAbsent()) {
            return Decision.apply(null);
        }
        if (kind.isFromQuery()) {
            return Decision.apply(object + " exists and CREATE TABLE … AS has no shape to compare: the database decides");
        }
        if (existing.shape() == null) {
            return Decision.live(object + " exists; its columns are compared when the statement runs");
        }
        TableShape intended = probe.table(kind.definition());
        if (intended == null) {
            return Decision.live(object + " exists and the shape this statement wants is read when it runs");
        }
        String difference = existing.shape().difference(intended);
        if (difference != null) {
            return Decision.conflict(object + " exists with a different shape: " + difference);
        }
        return existing.shape().hasUnknownColumns() ? Decision.live(object + " exists; its columns are compared when "
                + "the statement runs") : Decision.skip(object + " exists with the same columns");
    }

    private Decision createIndex(StatementKind kind) throws SQLException {
        String object = "index " + kind.name();
        Lookup<IndexShape> existing = catalog.index(kind.name());
        if (existing.isUnknown()) {
            return unknown(object, existing);
        }
        if (existing.isPresent() && existing.shape() != null && !existing.shape().isValid()) {
            return Decision.rebuild(object + " is INVALID (an interrupted CREATE INDEX CONCURRENTLY): dropped and built again",
                    "DROP INDEX " + (kind.isConcurrently() ? "CONCURRENTLY " : "") + "IF EXISTS "
                            + (kind.schema() == null ? "" : quote(kind.schema()) + ".") + quote(kind.name()));
        }
        if (kind.isGuarded() || existing.isAbsent()) {
            return Decision.apply(null);
        }
        if (existing.shape() == null) {
            return Decision.live(object + " exists; its columns are compared when the statement runs");
        }
        IndexShape intended = new IndexShape(kind.table(), kind.indexColumns(), kind.isUnique());
        String difference = existing.shape().difference(intended);
        return difference == null ? Decision.skip(object + " exists on the same columns")
                : Decision.conflict(object + " exists with a different shape: " + difference);
    }

    private Decision addColumn(StatementKind kind) throws SQLException {
        String object = "column " + kind.object();
        Lookup<TableShape> table = catalog.table(kind.table());
        Decision withoutShape = withoutShape(table, object);
        if (withoutShape != null) {
            return withoutShape;
        }
        TableShape.Column existing = table.shape().column(kind.name());
        if (existing == null) {
            return Decision.apply(null);
        }
        if (!existing.isKnown()) {
            return Decision.live(object + " exists; its shape is compared when the statement runs");
        }
        TableShape probed = probe.table("(" + kind.definition() + ")");
        TableShape.Column intended = probed == null ? null : probed.column(kind.name());
        if (intended == null) {
            return Decision.live(object + " exists and the shape this statement wants is read when it runs");
        }
        String difference = new TableShape(Collections.singletonList(existing))
                .difference(new TableShape(Collections.singletonList(intended)));
        return difference == null ? Decision.skip(object + " exists with the same shape")
                : Decision.conflict(object + " exists with a different shape: " + difference.replaceFirst("^column \\S+: ", ""));
    }

    private Decision dropColumn(StatementKind kind) throws SQLException {
        String object = "column " + kind.object();
        Lookup<TableShape> table = catalog.table(kind.table());
        Decision withoutShape = withoutShape(table, object);
        if (withoutShape != null) {
            return withoutShape;
        }
        return table.shape().column(kind.name()) == null ? Decision.skip(object + " does not exist") : Decision.apply(null);
    }

    private Decision renameColumn(StatementKind kind) throws SQLException {
        String object = "column " + kind.table() + "." + kind.name();
        Lookup<TableShape> table = catalog.table(kind.table());
        Decision withoutShape = withoutShape(table, object);
        if (withoutShape != null) {
            return withoutShape;
        }
        if (table.shape().column(kind.name()) == null && table.shape().column(kind.newName()) != null) {
            return Decision.skip(object + " is already renamed to " + kind.newName());
        }
        return Decision.apply(null);
    }

    /**
     * For a statement on a table's column: the decision when the table's shape is not at hand
     * (unknown, absent: the database decides, present without a known shape: decided live), else null.
     */
    private static Decision withoutShape(Lookup<TableShape> table, String object) {
        if (table.isUnknown()) {
            return unknown(object, table);
        }
        if (table.isAbsent()) {
            return Decision.apply(null);
        }
        return table.shape() == null ? Decision.live(object + " is looked up when the statement runs") : null;
    }

    private Decision renameTable(StatementKind kind) throws SQLException {
        String object = "table " + kind.name();
        Lookup<TableShape> from = catalog.table(kind.name());
        Lookup<TableShape> to = catalog.table(kind.newName());
        if (from.isUnknown() || to.isUnknown()) {
            return unknown(object, from.isUnknown() ? from : to);
        }
        return from.isAbsent() && to.isPresent() ? Decision.skip(object + " is already renamed to " + kind.newName())
                : Decision.apply(null);
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
