package io.sluice.migrations.error;

/**
 * Every way Sluice can refuse, with the SQLState an application sees. {@code 08001} means
 * "try again later" (the next connect re-runs the gate); {@code 08004} means the gate refused
 * and keeps refusing until the JVM restarts with a fixed migration.
 */
public enum Problem {
    /** A setting is unknown, malformed or not allowed where it was given. */
    INVALID_SETTING(SqlState.INVALID_PARAMETER_VALUE, false),
    /** No JDBC driver on the classpath accepts the delegate URL. */
    NO_DRIVER(SqlState.CONNECTION_UNABLE_TO_CONNECT, true),
    /** The database could not be reached. */
    UNREACHABLE(SqlState.CONNECTION_UNABLE_TO_CONNECT, true),
    /** Another process held the migration lock longer than {@code lockTimeout}. */
    LOCK_TIMEOUT(SqlState.CONNECTION_UNABLE_TO_CONNECT, true),
    /**
     * The migration lock was lost mid-run (its session died, its lease ran out while the holder was
     * paused): the migration's transaction is rolled back, and the next connect finds what the new
     * holder applied.
     */
    LOCK_LOST(SqlState.CONNECTION_UNABLE_TO_CONNECT, true),
    /** A thread waited longer than {@code gateTimeout} for another thread's gate run. */
    GATE_TIMEOUT(SqlState.CONNECTION_UNABLE_TO_CONNECT, true),
    /** A migration file or name is malformed, or two migrations claim one version. */
    INVALID_MIGRATION(SqlState.CONNECTION_REJECTED, false),
    /** An applied migration's file changed afterwards, or its history row has no checksum to compare. */
    CHECKSUM_MISMATCH(SqlState.CONNECTION_REJECTED, false),
    /**
     * A history row the gate cannot trust: its version is not a version, or it records another
     * script than the file of that version here (another application's folder).
     */
    INVALID_HISTORY(SqlState.CONNECTION_REJECTED, false),
    /** A pending versioned migration is older than the newest applied one and {@code outOfOrder} is off. */
    OUT_OF_ORDER(SqlState.CONNECTION_REJECTED, false),
    /** The database has versions this code does not know and {@code onFuture=fail}. */
    FUTURE_VERSION(SqlState.CONNECTION_REJECTED, false),
    /** A statement's object exists with another shape than the statement wants. */
    CONFLICT(SqlState.CONNECTION_REJECTED, false),
    /** A destructive statement without the file's approval or {@code allowDestructive=true}. */
    UNAPPROVED_DESTRUCTIVE(SqlState.CONNECTION_REJECTED, false),
    /** The backup could not be written or verified. */
    BACKUP_FAILED(SqlState.CONNECTION_REJECTED, false),
    /** The database cannot be written (a read-only file, folder or connection); found before any backup. */
    READ_ONLY_DATABASE(SqlState.CONNECTION_REJECTED, false),
    /** A file given to {@code restore} is damaged, not a backup, or a backup of another database. */
    RESTORE_REFUSED(SqlState.DATA_EXCEPTION, false),
    /** A migration's statement failed. */
    MIGRATION_FAILED(SqlState.CONNECTION_REJECTED, false),
    /** A query of the gate's own (reading the history, counting rows) failed. */
    DATABASE_ERROR(SqlState.CONNECTION_REJECTED, false),
    /** The database failed its checks after migrating. */
    VERIFY_FAILED(SqlState.CONNECTION_REJECTED, false),
    /** An operator's command that does not fit the database as it is: baseline of a database with history. */
    NOT_APPLICABLE(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, false);

    private final SqlState sqlState;
    private final boolean transientFailure;

    Problem(SqlState sqlState, boolean transientFailure) {
        this.sqlState = sqlState;
        this.transientFailure = transientFailure;
    }

    /**
     * Whether a failure means the connection itself was lost, not that a statement was wrong:
     * SQLState class 08 (connection exception) or 57P01-57P03 (the backend was terminated, the
     * server shut down or is starting up). Transient: the next connect tries again.
     */
    public static boolean isConnectionLoss(java.sql.SQLException failure) {
        return SqlState.isConnectionLoss(failure);
    }

    public SqlState sqlState() {
        return sqlState;
    }

    /** True when the next connect should run the gate again instead of repeating the refusal. */
    public boolean isTransient() {
        return transientFailure;
    }
}
