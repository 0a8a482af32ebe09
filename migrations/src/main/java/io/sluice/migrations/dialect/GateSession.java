package io.sluice.migrations.dialect;

import io.sluice.migrations.backup.BackupFiles;
import io.sluice.migrations.error.Problem;
import io.sluice.migrations.plan.CatalogSnapshot;
import io.sluice.migrations.plan.CatalogView;
import io.sluice.migrations.plan.TableShape;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

/**
 * The gate's hold on one database for one run: its connection, its lock and the dialect's way to
 * back up, wrap each migration in a transaction and verify. Closing it releases the lock on every
 * path and undoes whatever was not finished.
 */
public interface GateSession extends AutoCloseable {
    /** Where the history is read and migrations run. */
    Connection connection();

    /** The schema the gate inspects and migrates: SQLite {@code main}, PostgreSQL the current schema. */
    String schema();

    /** The live catalog of {@link #schema()}: tables with their columns, indexes, views, triggers. */
    CatalogSnapshot readCatalog() throws SQLException;

    /**
     * The live catalog of {@link #schema()}, looked up one object at a time on {@link #connection()}:
     * inside a running migration it sees that migration's earlier statements. Skips rest on it.
     */
    CatalogView liveCatalog();

    /**
     * The shape a {@code CREATE TABLE} definition ({@code (id INTEGER PRIMARY KEY, …)}) would have,
     * found by running it in a scratch place that leaves the database unchanged; null when it
     * cannot run there on its own.
     */
    TableShape probeTable(String definition) throws SQLException;

    /**
     * The catalog these statements build in an empty scratch place (SQLite: an in-memory
     * database; PostgreSQL: a scratch schema in a transaction that is rolled back), for {@code drift}.
     */
    CatalogSnapshot scratchCatalog(List<String> statements) throws SQLException;

    /**
     * Takes the cross-process lock, waiting at most {@code lockTimeout}.
     *
     * @throws io.sluice.migrations.error.SluiceException {@code LOCK_TIMEOUT} when another holder kept it longer
     */
    void lock() throws SQLException;

    /**
     * Writes a verified, owner-only backup named for {@code reason} ({@code v1-to-v3},
     * {@code manual-v3}…) and returns its path, or null when this database takes none
     * ({@code backup=none}, in-memory databases). Also notes what {@link #verify} compares against.
     *
     * @throws io.sluice.migrations.error.SluiceException {@code BACKUP_FAILED} when it cannot be written or verified
     */
    Path backup(String reason, BackupProgress progress) throws SQLException;

    /**
     * A copy of the database as it is now, before a restore replaces it: a verified backup, or,
     * when the database is too damaged for one, whatever copy the dialect can still make (SQLite:
     * its files byte for byte). Null when this database takes no backups. Call it holding the lock.
     */
    default Path preserve(String reason) throws SQLException {
        return backup(reason, BackupProgress.NONE);
    }

    /**
     * Checks, before anything changes, that {@code backup} is a whole, undamaged backup this dialect
     * can restore, taken of this database (unless {@code otherDatabase}: an operator restores
     * another database's backup on purpose).
     *
     * @throws io.sluice.migrations.error.SluiceException {@code RESTORE_REFUSED} saying what is wrong
     */
    void checkRestorable(Path backup, boolean otherDatabase) throws SQLException;

    /**
     * Loads a backup made by {@link #backup} back into the database, replacing what is there.
     * Call it holding the lock.
     */
    void restore(Path backup) throws SQLException;

    /**
     * Whether a no-transaction script interrupted in an earlier run is undone by restoring that
     * run's backup (SQLite, where the gate's lock kept every other writer out since the backup),
     * rather than left for an operator (PostgreSQL, where other instances kept writing).
     */
    default boolean restoresInterruptedScripts() {
        return false;
    }

    /** Where this database's backups are named, listed and pruned; null when it takes none. */
    BackupFiles backupFiles() throws SQLException;

    /** Starts one migration's unit of work; {@code transactional=false} for no-transaction scripts. */
    void beginMigration(boolean transactional) throws SQLException;

    /** Makes the migration and its history row one durable unit (or part of the run's, as the dialect says). */
    void commitMigration() throws SQLException;

    /**
     * Undoes the migration that failed; the history row of the failure is written after this.
     *
     * @return what was done, for the refusal's message ("it was rolled back")
     */
    String rollbackMigration() throws SQLException;

    /**
     * Whether a statement failed only because it waited too long for another session's lock: the
     * migration was rolled back and the next start should simply try again.
     */
    default boolean isLockTimeout(SQLException failure) {
        return false;
    }

    /**
     * Whether a statement failed because the connection itself was lost (a restarted server, a
     * killed backend): transient, the next connect tries again.
     */
    default boolean isConnectionLost(SQLException failure) {
        return Problem.isConnectionLoss(failure);
    }

    /**
     * Checks one migration right after its own statements, before its commit where the database
     * allows: the objects they create or alter are in the catalog. Nothing by default.
     *
     * @param applied the statements of this migration that ran, in order
     * @throws io.sluice.migrations.error.SluiceException {@code VERIFY_FAILED} naming what is missing
     */
    default void verifyMigration(List<String> applied) throws SQLException {
    }

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
