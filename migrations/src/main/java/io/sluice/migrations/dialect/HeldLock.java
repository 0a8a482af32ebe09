package io.sluice.migrations.dialect;

import java.util.Objects;

/** A lock the gate's own transaction holds: the relation (table or index) and the database's name for its level. */
public final class HeldLock {
    private final String relation;
    private final String mode;

    public HeldLock(String relation, String mode) {
        this.relation = relation;
        this.mode = mode;
    }

    public String relation() {
        return relation;
    }

    /** PostgreSQL's name: {@code AccessExclusiveLock}, {@code ShareLock}, {@code RowExclusiveLock}… */
    public String mode() {
        return mode;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HeldLock && ((HeldLock) other).relation.equals(relation) && ((HeldLock) other).mode.equals(mode);
    }

    @Override
    public int hashCode() {
        return Objects.hash(relation, mode);
    }

    @Override
    public String toString() {
        return relation + " " + mode;
    }
}
