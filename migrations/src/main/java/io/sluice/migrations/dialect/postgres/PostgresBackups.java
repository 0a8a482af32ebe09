package io.sluice.migrations.dialect.postgres;

import io.sluice.migrations.backup.BackupFiles;
import io.sluice.migrations.backup.BackupMetadata;
import io.sluice.migrations.backup.BackupStore;
import io.sluice.migrations.backup.DatabaseIdentity;
import io.sluice.migrations.backup.MissingProgram;
import io.sluice.migrations.backup.RestoreRefused;
import io.sluice.migrations.config.Backup;
import io.sluice.migrations.config.Setting;
import io.sluice.migrations.config.Settings;
import io.sluice.migrations.dialect.BackupProgress;
import io.sluice.migrations.dialect.Connector;
import io.sluice.migrations.error.Problem;
import io.sluice.migrations.error.SluiceException;
import io.sluice.migrations.error.SqlState;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.Arrays;

/**
 * Backups of a PostgreSQL database: {@code pg_dump --format=custom} when a {@code pg_dump} at least
 * as new as the server is installed, else the built-in {@link LogicalBackup}. Both are written
 * under a temporary owner-only name, read back, and only then given their {@code .dump} name.
 */
final class PostgresBackups {
    private static final System.Logger LOG = System.getLogger("io.sluice");
    private static final byte[] CUSTOM_DUMP_MAGIC = "PGDMP".getBytes(StandardCharsets.US_ASCII);

    private final String jdbcUrl;
    private final Connector connector;
    private final Connection connection;
    private final Settings settings;
    private final Backup backup;
    private final String database;
    private final String schema;
    private BackupStore store;

    /** @param backup {@code sluice.backup}, where {@link Backup#METHOD} is pg_dump (the dialect checked it) */
    PostgresBackups(String jdbcUrl, Connector connector, Connection connection, Settings settings, Backup backup,
                    String database, String schema) {
        this.backup = backup;
        this.jdbcUrl = jdbcUrl;
        this.connector = connector;
        this.connection = connection;
        this.settings = settings;
        this.database = database;
        this.schema = schema;
    }

    /** Where backups go: {@code sluice.backupDir}, else {@code sluice-backups} in the working directory. */
    static Path folder(Settings settings) {
        String directory = settings.text(Setting.BACKUP_DIR);
        return Paths.get(directory != null ? directory : "sluice-backups");
    }

    /** Made on first use: the identity costs a query, which a start with nothing pending never needs. */
    private BackupStore store() {
        if (store == null) {
            ServerAddress server = server();
            DatabaseIdentity identity = DatabaseIdentity.onServer(PostgresDialect.NAME, server.host + ":" + server.port, systemIdentifier(),
                    database, schema);
            store = new BackupStore(new BackupFiles(folder(settings), database,
                    ".dump", identity), settings.count(Setting.BACKUP_RETAIN), database, PgDumpErrors.INSTANCE);
        }
        return store;
    }

    /**
     * The server's system identifier, which tells servers apart however the URL names them; null
     * when the role may not call {@code pg_control_system()}. Inside a savepoint when a transaction
     * is open, so a refusal does not abort it.
     */
    private String systemIdentifier() {
        try {
            Savepoint savepoint = connection.getAutoCommit() ? null : connection.setSavepoint();
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT system_identifier::text FROM pg_control_system()")) {
                String identifier = rs.next() ? rs.getString(1) : null;
                if (savepoint != null) {
                    connection.releaseSavepoint(savepoint);
                }
                return identifier;
            } catch (SQLException e) {
                if (savepoint != null) {
                    connection.rollback(savepoint);
                }
                LOG.log(System.Logger.Level.DEBUG, database + ": cannot read the server's system identifier ("
                        + e.getMessage() + "); backups name the server by its address");
                return null;
            }
        } catch (SQLException e) {
            return null;
        }
    }

    /**
     * @param progress told how long checking the dump took
     * @return the verified backup, or null with {@code backup=none}
     */
    Path write(String reason, BackupProgress progress) throws SluiceException {
        if (backup == Backup.NONE) {
            return null;
        }
        return store().take(reason, null, (temporary, written) -> {
            try {
                PgDump pgDump = pgDump(backup == Backup.METHOD);
                long checking;
                if (pgDump != null) {
                    pgDump.dump(server(), schema, temporary, settings.duration(Setting.LOCK_TIMEOUT));
                    written.run();
                    checking = System.nanoTime();
                    pgDump.check(temporary);
                } else {
                    new LogicalBackup(connection, schema).write(temporary);
                    written.run();
                    checking = System.nanoTime();
                    LogicalBackup.check(temporary);
                }
                progress.checked(System.nanoTime() - checking);
            } catch (IOException | SQLException e) {
                if (waitedForALock(e)) {
                    throw new SluiceException(Problem.LOCK_TIMEOUT, "The backup waited longer than "
                            + Setting.LOCK_TIMEOUT.property() + " for a table another session holds exclusively (ACCESS "
                            + "EXCLUSIVE: a long ALTER, VACUUM FULL, LOCK TABLE), nothing was changed; the next connect "
                            + "tries again: " + oneLine(e.getMessage()), e);
                }
                throw e;
            }
        });
    }

    /**
     * pg_dump waits for its table locks under {@code --lock-wait-timeout}, which it enforces with a
     * statement timeout on its {@code LOCK TABLE}; the built-in backup's queries run under the
     * session's {@code lock_timeout}.
     */
    private static boolean waitedForALock(Exception e) {
        if (e instanceof SQLException) {
            return SqlState.LOCK_NOT_AVAILABLE.isStateOf((SQLException) e);
        }
        String message = String.valueOf(e.getMessage());
        return message.contains("could not obtain lock") || message.contains("lock timeout")
                || message.contains("LOCK TABLE") && message.contains("statement timeout");
    }

    private static String oneLine(String message) {
        return String.valueOf(message).replace('\n', ' ').trim();
    }

    private PgDump pgDump(boolean required) throws SQLException, IOException {
        int serverMajor = connection.getMetaData().getDatabaseMajorVersion();
        if (required) {
            return PgDump.require(settings.text(Setting.PG_DUMP), serverMajor, settings.duration(Setting.GATE_TIMEOUT));
        }
        StringBuilder why = new StringBuilder();
        PgDump pgDump = PgDump.locate(settings.text(Setting.PG_DUMP), serverMajor, settings.duration(Setting.GATE_TIMEOUT), why);
        if (pgDump == null) {
            LOG.log(System.Logger.Level.INFO, database + ": " + why + "; using the built-in logical backup of schema " + schema);
        }
        return pgDump;
    }

    private ServerAddress server() {
        return ServerAddress.of(jdbcUrl, connector.properties());
    }

    BackupFiles files() {
        return store().files();
    }

    /**
     * Refuses a file that is neither a whole pg_dump archive ({@code pg_restore --list} reads it) nor
     * a whole logical backup, was changed since it was taken, is a backup of another database, or
     * would be restored into another schema than this one.
     */
    void checkRestorable(Path backup, boolean otherDatabase) throws SQLException {
        store().checkRestorable(backup, otherDatabase, this::checkFormat, this::checkReading);
    }

    private void checkFormat(Path backup) throws IOException {
        String backupSchema;
        if (isCustomDump(backup)) {
            BackupMetadata metadata = BackupMetadata.read(backup);
            backupSchema = metadata == null ? schema : metadata.identity().schema();
        } else if (LogicalBackup.isLogicalBackup(backup)) {
            backupSchema = LogicalBackup.schemaOf(backup);
        } else {
            throw new RestoreRefused(backup + " is neither a pg_dump archive nor a Sluice logical backup; nothing was "
                    + "changed; restore a backup Sluice took (list them with: backups)");
        }
        if (!schema.equals(backupSchema)) {
            throw new RestoreRefused(backup + " is a backup of schema " + backupSchema + ": restoring it would replace "
                    + "that schema, not this connection's schema " + schema + "; nothing was changed; connect with "
                    + "currentSchema=" + backupSchema + " to restore it there");
        }
    }

    private void checkReading(Path backup) throws IOException, SQLException {
        if (isCustomDump(backup)) {
            PgDump pgDump = PgDump.require(settings.text(Setting.PG_DUMP), connection.getMetaData().getDatabaseMajorVersion(),
                    settings.duration(Setting.GATE_TIMEOUT));
            try {
                pgDump.check(backup);
            } catch (MissingProgram e) {
                throw e;
            } catch (IOException e) {
                throw new RestoreRefused(backup + " is not a whole pg_dump archive (" + oneLine(e.getMessage())
                        + "); nothing was changed; restore another backup (list them with: backups)");
            }
        } else {
            try {
                LogicalBackup.check(backup);
            } catch (IOException | RuntimeException e) {
                throw new RestoreRefused(backup + " is not a whole logical backup (" + oneLine(e.getMessage())
                        + "); nothing was changed; restore another backup (list them with: backups)");
            }
        }
    }

    /**
     * Loads a backup back into the database: {@code pg_restore --clean} for a custom dump, the
     * built-in loader for a logical backup.
     */
    void restore(Path backup) throws SQLException, IOException {
        if (isCustomDump(backup)) {
            restoreAside(PgDump.require(settings.text(Setting.PG_DUMP), connection.getMetaData().getDatabaseMajorVersion(),
                    settings.duration(Setting.GATE_TIMEOUT)), backup);
        } else {
            LogicalBackup.restore(connection, backup);
        }
    }

    /**
     * pg_restore alone would leave behind what was created after the backup (a migrated table),
     * so the schema is first moved aside, the archive restored into a fresh one, and the old one
     * dropped only when that worked; on failure the old schema comes back.
     */
    private void restoreAside(PgDump pgDump, Path backup) throws SQLException, IOException {
        String current = PostgresCatalog.quote(schema);
        String aside = PostgresCatalog.quote(schema + "_sluice_restore");
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + aside + " CASCADE");
            statement.execute("ALTER SCHEMA " + current + " RENAME TO " + aside);
            statement.execute("CREATE SCHEMA " + current);
            try {
                pgDump.restore(server(), backup);
            } catch (IOException | RuntimeException e) {
                statement.execute("DROP SCHEMA " + current + " CASCADE");
                statement.execute("ALTER SCHEMA " + aside + " RENAME TO " + current);
                throw e;
            }
            statement.execute("DROP SCHEMA " + aside + " CASCADE");
        }
    }

    private static boolean isCustomDump(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] start = new byte[CUSTOM_DUMP_MAGIC.length];
            return in.read(start) == start.length && Arrays.equals(start, CUSTOM_DUMP_MAGIC);
        }
    }
}
