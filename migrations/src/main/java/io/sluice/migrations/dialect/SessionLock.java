package io.sluice.migrations.dialect;

import java.sql.SQLException;

/** The lock hook of a gate session: the cross-process lock, released when the session closes. */
public interface SessionLock {
    /** What a waiter asks between its attempts at the lock while another holder keeps it. */
    @FunctionalInterface
    interface WhileWaiting {
        /** Whether the wait is over without the lock: the database is up to date (SPEC §4 step 3's read, again). */
        boolean upToDate() throws SQLException;

        WhileWaiting NEVER = () -> false;
    }

    /**
     * Takes the cross-process lock, waiting at most {@code lockTimeout}.
     *
     * @throws io.sluice.migrations.error.SluiceException {@code LOCK_TIMEOUT} when another holder kept it longer
     */
    default void lock() throws SQLException {
        lock(WhileWaiting.NEVER);
    }

    /**
     * Takes the lock as {@link #lock()} does, asking {@code whileWaiting} between attempts whether
     * there is still anything to wait for: when another instance has just applied what this one
     * found pending, all of its waiters open at once instead of taking the lock one after another.
     * A dialect whose lock waits inside the database (SQLite's busy handler) asks nothing.
     *
     * @return whether the lock is held; false when {@code whileWaiting} ended the wait
     */
    boolean lock(WhileWaiting whileWaiting) throws SQLException;
}
