package io.sluice.migrations.plan;

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

    PlannedStatement(String sql, int line, Action action, String object, String reason) {
        this.sql = sql;
        this.line = line;
        this.action = action;
        this.object = object;
        this.reason = reason;
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

    @Override
    public String toString() {
        return "line " + line + " " + action.label() + (object == null ? "" : " " + object) + (reason == null ? "" : ": " + reason);
    }
}
