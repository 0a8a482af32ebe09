package io.sluice.migrations.dialect;

import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

/**
 * The gate's hold on one database for one run: its connection, its lock and the dialect's way to
 * back up, wrap each migration in a transaction and verify. Closing it releases the lock on every
 * path and undoes whatever was not finished. Its hooks are narrow interfaces of their own
 * ({@link SessionCatalog}, {@link SessionLock}, {@link SessionBackup}, {@link MigrationUnit}):
 * code that needs one takes that one.
 */
public interface GateSession extends SessionCatalog, SessionLock, SessionBackup, MigrationUnit, AutoCloseable {
    /**
     * Checks the database after migrating.
     *
     * @param applied the SQL statements this run applied, in order
     * @param javaMigrationRan whether a Java migration ran too (it may have touched any table)
     * @throws io.sluice.migrations.error.SluiceException {@code VERIFY_FAILED} naming what is wrong
     */
    void verify(List<String> applied, boolean javaMigrationRan) throws SQLException;

    /**
     * The table and index locks the session's open transaction holds now, for {@code rehearse}'s
     * report; read on {@link #connection()} and never failing the migration. None by default: a
     * SQLite gate holds one write lock on the whole file for the whole run.
     */
    default List<HeldLock> heldLocks() {
        return Collections.emptyList();
    }

    /** Ends the run successfully: whatever the dialect still holds open becomes durable. */
    void finish() throws SQLException;

    /**
     * Rolls back whatever was not finished; the connection stays open for reading what the
     * database kept (on SQLite this also ends the lock, which is the run's write transaction).
     */
    void abandon() throws SQLException;

    /** Releases the lock and the connection; rolls back anything not finished. */
    @Override
    void close() throws SQLException;
}
