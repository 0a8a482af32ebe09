package io.sluice.migrations.dialect;

import io.sluice.migrations.backup.BackupFiles;

import java.nio.file.Path;
import java.sql.SQLException;

/** The backup hook of a gate session: writing, checking and restoring this database's backups. */
public interface SessionBackup {
    /**
     * Writes a verified, owner-only backup named for {@code reason} ({@code v1-to-v3},
     * {@code manual-v3}…) and returns its path, or null when this database takes none
     * ({@code backup=none}, in-memory databases). Also notes what {@link GateSession#verify} compares against.
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
}
