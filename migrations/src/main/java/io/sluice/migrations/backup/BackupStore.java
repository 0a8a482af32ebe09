package io.sluice.migrations.backup;

import io.sluice.migrations.error.Problem;
import io.sluice.migrations.error.SluiceException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

/**
 * The steps of taking a backup, the same for every dialect: reuse the newest backup when the
 * database has not changed since it was taken, else let the dialect copy and verify into a
 * temporary file, record its metadata, give it its name, and apply retention at once, so that
 * starts that fail again and again never keep more than {@code backupRetain} backups either.
 * Before a restore, it checks the file: checksum, the dialect's own reading, and that it is a
 * backup of this database.
 */
public final class BackupStore {
    private static final System.Logger LOG = System.getLogger("io.sluice");

    /** The dialect's copy of the database into a temporary file, verified before it returns. */
    @FunctionalInterface
    public interface Copy {
        /**
         * @param written to be run once the file is complete and before it is checked: its checksum
         *                is then read while the check runs
         */
        void into(Path temporary, Runnable written) throws IOException, SQLException;
    }

    /**
     * The content of the database and of a backup of it, as digests to compare: asked only when the
     * newest backup could stand for a new one ({@link BackupFiles#reusable}), which is after a
     * failed start, so a start that goes well never reads the whole database for it.
     */
    public interface State {
        String ofDatabase() throws IOException, SQLException;

        String ofBackup(Path backup) throws IOException, SQLException;
    }

    /** The dialect's own check of a backup file; throws {@link RestoreRefused} saying what is wrong. */
    @FunctionalInterface
    public interface Reading {
        void check(Path backup) throws IOException, SQLException;
    }

    private final BackupFiles files;
    private final int retain;
    private final String name;
    private final BackupErrors errors;
    /** The file {@link #checkRestorable} passed: the pre-restore backup's retention must not delete it. */
    private Path restoring;

    /**
     * @param name   the database's name in log lines
     * @param errors what the database's own errors say when a backup fails
     */
    public BackupStore(BackupFiles files, int retain, String name, BackupErrors errors) {
        this.files = files;
        this.retain = retain;
        this.name = name;
        this.errors = errors;
    }

    public BackupFiles files() {
        return files;
    }

    /**
     * @param state the content of the database and its backups, when the newest backup may stand for
     *              this one if the database's content has not changed since it was taken (a crash loop
     *              then writes no backup per start); null when every backup is a new one
     * @return the verified backup
     * @throws SluiceException {@code BACKUP_FAILED} naming the cause ({@code UNREACHABLE} for a lost
     *                         connection), or what {@code copy} threw
     */
    public Path take(String reason, State state, Copy copy) throws SluiceException {
        Path temporary = null;
        try {
            if (state != null) {
                Path same = files.reusable(reason);
                if (same != null && state.ofDatabase().equals(state.ofBackup(same))) {
                    LOG.log(INFO, name + ": the database has not changed since backup " + same
                            + " was taken; it stands for this run's backup");
                    return same;
                }
            }
            files.removeStalePartials();
            temporary = files.createTemporary();
            BackgroundChecksum checksum = new BackgroundChecksum(temporary);
            copy.into(temporary, checksum::start);
            Path published = files.publish(temporary, reason, BackupMetadata.of(temporary, checksum.result(),
                    files.identity(), BackupMetadata.Kind.VERIFIED, reason));
            temporary = null;
            prune();
            return published;
        } catch (SluiceException e) {
            throw e;
        } catch (IOException | SQLException | RuntimeException e) {
            throw BackupFailure.explain(files.directory(), e, errors);
        } finally {
            deleteQuietly(temporary);
        }
    }

    /**
     * Copies a database's files byte for byte, for a database too damaged for a verified backup: a
     * restore over it must still keep what was there. {@code writeAheadLog} (may be null or absent)
     * is kept beside the copy under the name SQLite looks for.
     */
    public Path copyPlain(String reason, Path file, Path writeAheadLog) throws SluiceException {
        Path temporary = null;
        Path logTemporary = null;
        try {
            files.removeStalePartials();
            temporary = files.createTemporary();
            copyInto(file, temporary);
            if (writeAheadLog != null && Files.exists(writeAheadLog)) {
                logTemporary = files.createTemporary();
                copyInto(writeAheadLog, logTemporary);
            }
            Path published = files.publish(temporary, reason,
                    BackupMetadata.of(temporary, files.identity(), BackupMetadata.Kind.PLAIN_COPY, reason));
            temporary = null;
            if (logTemporary != null) {
                Files.move(logTemporary, published.resolveSibling(published.getFileName() + BackupFiles.WAL));
                logTemporary = null;
            }
            prune();
            return published;
        } catch (IOException | RuntimeException e) {
            throw BackupFailure.explain(files.directory(), e, errors);
        } finally {
            deleteQuietly(temporary);
            deleteQuietly(logTemporary);
        }
    }

    /** Into the owner-only file that is there already, which keeps its mode. */
    private static void copyInto(Path source, Path target) throws IOException {
        try (OutputStream out = Files.newOutputStream(target)) {
            Files.copy(source, out);
        }
    }

    private void prune() {
        try {
            files.prune(retain, restoring);
        } catch (IOException e) {
            LOG.log(WARNING, name + ": cannot apply retention in " + files.directory() + ": " + e.getMessage());
        }
    }

    /**
     * Checks, before anything changes, that {@code backup} can be restored into this database: it
     * is a file the dialect reads as a whole backup ({@code format}: cheap, first; {@code reading}:
     * the full check), it is unchanged since it was taken, and it is a backup of this database
     * unless {@code otherDatabase} says an operator means to restore another's.
     *
     * @return its metadata, or null when it has none (allowed only with {@code otherDatabase})
     * @throws SluiceException {@code RESTORE_REFUSED} saying what is wrong and what to do
     */
    public BackupMetadata checkRestorable(Path backup, boolean otherDatabase, Reading format, Reading reading)
            throws SQLException {
        if (!Files.isRegularFile(backup)) {
            throw new SluiceException(Problem.INVALID_SETTING, "No backup file " + backup + "; list them with: backups");
        }
        try {
            format.check(backup);
            BackupMetadata metadata = BackupMetadata.read(backup);
            checkIdentity(backup, metadata, otherDatabase);
            String damage = metadata == null ? null : metadata.damage(backup);
            if (damage != null) {
                throw new RestoreRefused(backup + " was changed or damaged since it was taken (" + damage
                        + "); nothing was changed; restore another backup (list them with: backups)");
            }
            reading.check(backup);
            restoring = backup;
            return metadata;
        } catch (RestoreRefused e) {
            throw new SluiceException(Problem.RESTORE_REFUSED, e.getMessage(), e);
        } catch (IOException e) {
            throw new SluiceException(Problem.RESTORE_REFUSED, "Cannot read " + backup + ": " + e.getMessage()
                    + "; nothing was changed", e);
        }
    }

    private void checkIdentity(Path backup, BackupMetadata metadata, boolean otherDatabase) throws RestoreRefused {
        DatabaseIdentity self = files.identity();
        if (metadata == null) {
            if (!otherDatabase) {
                throw new RestoreRefused(backup + " has no Sluice metadata (" + BackupMetadata.sidecar(backup).getFileName()
                        + "), so nothing shows it is a backup of " + self + "; nothing was changed; "
                        + "to restore it anyway, add --force-other-database");
            }
            LOG.log(WARNING, name + ": restoring " + backup + ", which has no metadata, as --force-other-database asks");
        } else if (!metadata.identity().sameDatabase(self)) {
            if (!otherDatabase) {
                throw new RestoreRefused(backup + " is a backup of " + metadata.identity() + ", not of " + self
                        + "; nothing was changed; to restore another database's backup into this one on purpose, "
                        + "add --force-other-database");
            }
            LOG.log(WARNING, name + ": restoring " + backup + ", a backup of " + metadata.identity()
                    + ", as --force-other-database asks");
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the next backup of this database removes it (BackupFiles.createTemporary)
            }
        }
    }
}
