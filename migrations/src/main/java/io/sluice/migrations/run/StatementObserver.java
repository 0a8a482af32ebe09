package io.sluice.migrations.run;

import io.sluice.migrations.dialect.GateSession;
import io.sluice.migrations.plan.PlannedMigration;
import io.sluice.migrations.plan.PlannedStatement;

/**
 * Told of every statement the migrator runs or skips, for {@code rehearse}'s per-statement report.
 * The gate itself uses {@link #NONE}: a null object, so the migrator never asks whether anyone listens.
 * Calls come on the migrator's thread, inside the migration's unit of work: an observer may read
 * through the session (its locks), never write.
 */
public interface StatementObserver {
    StatementObserver NONE = new StatementObserver() {
    };

    /** A migration's unit of work has begun; nothing of it has run yet. */
    default void started(PlannedMigration migration, GateSession session) {
    }

    /**
     * A statement ran.
     *
     * @param statement null for a Java migration
     * @param nanos     how long the database took
     * @param rows      the update count the driver reported, -1 when there is none
     */
    default void ran(PlannedMigration migration, PlannedStatement statement, long nanos, long rows, GateSession session) {
    }

    /** A statement was skipped on live evidence: its effect is already in place ({@code reason} says which). */
    default void skipped(PlannedMigration migration, PlannedStatement statement, String reason) {
    }

    /** The migration and its history row are durable. */
    default void committed(PlannedMigration migration) {
    }

    /**
     * The migration failed and was undone as far as the database allows.
     *
     * @param statement the statement that failed, or null when it failed outside one
     */
    default void failed(PlannedMigration migration, PlannedStatement statement, Exception failure) {
    }
}
