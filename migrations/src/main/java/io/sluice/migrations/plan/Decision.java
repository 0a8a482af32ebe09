package io.sluice.migrations.plan;

import io.sluice.migrations.plan.PlannedStatement.Action;

/**
 * What to do with one statement and why. A skip always rests on the live catalog; the planner's
 * skips are predictions that the migrator confirms when the statement would run ({@link #isLive}).
 */
public final class Decision {
    private final Action action;
    private final String reason;
    private final boolean live;
    private final String dropFirst;

    private Decision(Action action, String reason, boolean live, String dropFirst) {
        this.action = action;
        this.reason = reason;
        this.live = live;
        this.dropFirst = dropFirst;
    }

    static Decision apply(String reason) {
        return new Decision(Action.APPLY, reason, false, null);
    }

    static Decision skip(String evidence) {
        return new Decision(Action.SKIP, evidence, false, null);
    }

    static Decision conflict(String difference) {
        return new Decision(Action.CONFLICT, difference, false, null);
    }

    /** The model cannot tell: the statement is decided against the live catalog when it would run. */
    static Decision live(String why) {
        return new Decision(Action.APPLY, why, true, null);
    }

    /** Apply after dropping what stands in the way: an INVALID index left by an interrupted build. */
    static Decision rebuild(String reason, String dropStatement) {
        return new Decision(Action.APPLY, reason, false, dropStatement);
    }

    Decision confirmedLive() {
        return new Decision(action, reason, true, dropFirst);
    }

    public Action action() {
        return action;
    }

    public String reason() {
        return reason;
    }

    /** Whether the migrator decides again against the live catalog before the statement runs. */
    public boolean isLive() {
        return live;
    }

    /** A statement to run first (dropping an INVALID index), or null. */
    public String dropFirst() {
        return dropFirst;
    }
}
