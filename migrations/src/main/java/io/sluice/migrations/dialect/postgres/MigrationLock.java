package io.sluice.migrations.dialect.postgres;

import io.sluice.migrations.dialect.SessionLock;

import java.sql.Connection;
import java.sql.SQLException;

/** The fleet-wide migration lock: one holder at a time, never left behind by a dead holder. */
interface MigrationLock {
    /**
     * Waits at most {@code lockTimeout}, asking {@code whileWaiting} after each attempt that found
     * another holder; throws {@code LOCK_TIMEOUT} naming the holder when it can.
     *
     * @return whether the lock is held; false when {@code whileWaiting} ended the wait
     */
    boolean acquire(SessionLock.WhileWaiting whileWaiting) throws SQLException;

    /**
     * The fence: run on the gate's connection at the start of each migration, inside its
     * transaction, so the database itself refuses to let a holder that lost the lock commit. Throws
     * {@code LOCK_LOST} when this holder no longer holds the lock.
     */
    void fence(Connection migration) throws SQLException;

    /** Releases the lock (if held) and its connection; safe to call on every path. */
    void release();
}
