package io.sluice.migrations.plan;

import io.sluice.migrations.sql.StatementKind;

import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** One statement of a pending migration and what the gate will do with it. */
public final class PlannedStatement {
    public enum Action {
        APPLY, SKIP, CONFLICT;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final String sql;
    private final int line;
    private final Action action;
    private final String object;
    private final String reason;
    private final boolean live;
    private final List<StatementKind> effects;

    PlannedStatement(String sql, int line, Decision decision, List<StatementKind> effects) {
        this.sql = sql;
        this.line = line;
        this.action = decision.action();
        this.object = effects.isEmpty() ? null : effects.get(0).object();
        this.reason = decision.reason();
        this.live = decision.isLive();
        this.effects = Collections.unmodifiableList(effects);
    }

    /** A statement to run as it is (an undo script: an operator's explicit order). */
    static PlannedStatement applied(String sql, int line) {
        return new PlannedStatement(sql, line, Decision.apply(null), Collections.<StatementKind>emptyList());
    }

    /** The statement as it will run, placeholders replaced. */
    public String sql() {
        return sql;
    }

    public int line() {
        return line;
    }

    public Action action() {
        return action;
    }

    /** What the statement creates or changes ({@code loans}, {@code payments.split_id}); null for data statements. */
    public String object() {
        return object;
    }

    /** Why: "table loan_split already exists", "new table"; null when there is nothing to say. */
    public String reason() {
        return reason;
    }

    /**
     * Whether the action is decided, or confirmed, against the live catalog when the statement
     * would run: every skip, and every statement whose objects the plan could not be sure of.
     */
    public boolean isLive() {
        return live;
    }

    /** What the statement does, as far as Sluice recognises it; the migrator decides live statements from these. */
    public List<StatementKind> effects() {
        return effects;
    }

    @Override
    public String toString() {
        return "line " + line + " " + action.label() + (live ? " (decided when it runs)" : "") + (object == null ? "" : " " + object) + (reason == null ? "" : ": " + reason);
    }
}
