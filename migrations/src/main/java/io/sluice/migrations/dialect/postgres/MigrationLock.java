package io.sluice.migrations.dialect.postgres;

import java.sql.SQLException;

/** The fleet-wide migration lock: one holder at a time, never left behind by a dead holder. */
interface MigrationLock {
    /** Waits at most {@code lockTimeout}; throws {@code LOCK_TIMEOUT} naming the holder when it can. */
    void acquire() throws SQLException;

    /** Releases the lock (if held) and its connection; safe to call on every path. */
    void release();
}
