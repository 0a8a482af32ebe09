package io.sluice.migrations.dialect;

import java.sql.SQLException;

/** The lock hook of a gate session: the cross-process lock, released when the session closes. */
public interface SessionLock {
    /**
     * Takes the cross-process lock, waiting at most {@code lockTimeout}.
     *
     * @throws io.sluice.migrations.error.SluiceException {@code LOCK_TIMEOUT} when another holder kept it longer
     */
    void lock() throws SQLException;
}
