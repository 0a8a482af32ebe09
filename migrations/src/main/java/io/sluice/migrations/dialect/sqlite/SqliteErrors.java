package io.sluice.migrations.dialect.sqlite;

import io.sluice.migrations.backup.BackupErrors;

import java.sql.SQLException;
import java.util.Locale;

/**
 * SQLite's primary result codes, as sqlite-jdbc passes them in {@link SQLException#getErrorCode()}
 * (extended codes carry the primary one in their low byte), and what each means to the gate.
 */
final class SqliteErrors implements BackupErrors {
    static final SqliteErrors INSTANCE = new SqliteErrors();

    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;
    private static final int SQLITE_READONLY = 8;
    private static final int SQLITE_FULL = 13;
    private static final int SQLITE_CANTOPEN = 14;

    private SqliteErrors() {
    }

    /** Another connection holds a lock this one waited for in vain. */
    static boolean isBusy(SQLException e) {
        int primary = primary(e);
        return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
    }

    /** SQLite cannot write a read-only file, or open the journal beside a file in a read-only folder. */
    static boolean isReadOnly(SQLException e) {
        int primary = primary(e);
        return primary == SQLITE_READONLY || primary == SQLITE_CANTOPEN;
    }

    @Override
    public boolean isDiskFull(Throwable failure) {
        String message = lower(failure.getMessage());
        return failure instanceof SQLException && primary((SQLException) failure) == SQLITE_FULL
                || message.contains("sqlite_full") || message.contains("database or disk is full");
    }

    /** The backup file SQLite was given cannot be opened or written; only SQLite's own errors, which name their code. */
    @Override
    public boolean isNotWritable(Throwable failure) {
        return failure instanceof SQLException && isReadOnly((SQLException) failure)
                && lower(failure.getMessage()).contains("sqlite_");
    }

    private static int primary(SQLException e) {
        return e.getErrorCode() & 0xFF;
    }

    private static String lower(String message) {
        return message == null ? "" : message.toLowerCase(Locale.ROOT);
    }
}
