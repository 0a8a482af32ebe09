package io.sluice.migrations.dialect.postgres;

import io.sluice.migrations.backup.BackupErrors;

import java.util.Locale;

/**
 * What pg_dump and pg_restore say when the server went away while they ran: they report it only
 * in words (libpq's and the server's), where JDBC would have given a connection-loss state.
 */
final class PgDumpErrors implements BackupErrors {
    static final PgDumpErrors INSTANCE = new PgDumpErrors();

    private PgDumpErrors() {
    }

    @Override
    public boolean isConnectionLost(Throwable failure) {
        String message = failure.getMessage() == null ? "" : failure.getMessage().toLowerCase(Locale.ROOT);
        return message.contains("terminating connection due to administrator command")
                || message.contains("server closed the connection unexpectedly")
                || message.contains("the database system is shutting down")
                || message.contains("the database system is starting up");
    }
}
