package io.sluice.migrations.backup;

/**
 * What a database's own errors say about a failed backup: each dialect knows its database's error
 * codes and its backup program's words, and {@link BackupFailure} turns them into a message that
 * leads to the fix. The file system's own errors (a full disk, a folder the app may not write) and
 * JDBC's connection-loss states are read without a dialect.
 */
public interface BackupErrors {
    /** For a database with no words of its own beyond JDBC's and the file system's. */
    BackupErrors NONE = new BackupErrors() {
    };

    /** The database went away while the backup read it (a restarted server, a terminated backend): transient. */
    default boolean isConnectionLost(Throwable failure) {
        return false;
    }

    /** The database says the disk it wrote the backup to is full. */
    default boolean isDiskFull(Throwable failure) {
        return false;
    }

    /** The database cannot open or write the backup file it was given. */
    default boolean isNotWritable(Throwable failure) {
        return false;
    }
}
