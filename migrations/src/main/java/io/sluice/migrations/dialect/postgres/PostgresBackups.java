package io.sluice.migrations.dialect.postgres;

import io.sluice.migrations.backup.BackupFiles;
import io.sluice.migrations.config.Setting;
import io.sluice.migrations.config.Settings;
import io.sluice.migrations.dialect.Connector;
import io.sluice.migrations.error.Problem;
import io.sluice.migrations.error.SluiceException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

/**
 * Backups of a PostgreSQL database: {@code pg_dump --format=custom} when a {@code pg_dump} at least
 * as new as the server is installed, else the built-in {@link LogicalBackup}. Both are written
 * under a temporary owner-only name, read back, and only then given their {@code .dump} name.
 */
public final class PostgresBackups {
    private static final System.Logger LOG = System.getLogger("io.sluice");
    private static final byte[] CUSTOM_DUMP_MAGIC = "PGDMP".getBytes(StandardCharsets.US_ASCII);

    private final String jdbcUrl;
    private final Connector connector;
    private final Connection connection;
    private final Settings settings;
    private final String database;
    private final String schema;
    private final BackupFiles files;

    PostgresBackups(String jdbcUrl, Connector connector, Connection connection, Settings settings, String database,
                    String schema) throws SluiceException {
        String method = settings.text(Setting.BACKUP);
        if (method.equals("sqlite-online")) {
            throw new SluiceException(Problem.INVALID_SETTING, Setting.BACKUP.property() + "=" + method
                    + " does not apply to PostgreSQL; use auto, pg_dump or none");
        }
        this.jdbcUrl = jdbcUrl;
        this.connector = connector;
        this.connection = connection;
        this.settings = settings;
        this.database = database;
        this.schema = schema;
        String directory = settings.text(Setting.BACKUP_DIR);
        this.files = new BackupFiles(Paths.get(directory != null ? directory : "sluice-backups"), database, ".dump");
    }

    /** @return the verified backup, or null with {@code backup=none} */
    Path write(String reason) throws SluiceException {
        String method = settings.text(Setting.BACKUP);
        if (method.equals("none")) {
            return null;
        }
        Path temporary = null;
        try {
            temporary = files.createTemporary();
            PgDump pgDump = pgDump(method.equals("pg_dump"));
            if (pgDump != null) {
                pgDump.dump(server(), schema, temporary, settings.duration(Setting.LOCK_TIMEOUT));
                pgDump.check(temporary);
            } else {
                new LogicalBackup(connection, schema).write(temporary);
                LogicalBackup.check(temporary);
            }
            Path published = files.publish(temporary, reason);
            temporary = null;
            return published;
        } catch (IOException | SQLException | RuntimeException e) {
            if (waitedForALock(e)) {
                throw new SluiceException(Problem.LOCK_TIMEOUT, "The backup waited longer than "
                        + Setting.LOCK_TIMEOUT.property() + " for a table another session holds exclusively, nothing was "
                        + "applied; the next connect tries again: " + e.getMessage(), e);
            }
            throw new SluiceException(Problem.BACKUP_FAILED, "Backup into " + files.directory().toAbsolutePath()
                    + " failed, nothing was applied: " + e.getMessage()
                    + "; make the folder writable, set sluice.backupDir, or sluice.backup=none", e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // a leftover .partial file is harmless: no listing matches its name
                }
            }
        }
    }

    private static boolean waitedForALock(Exception e) {
        return e instanceof SQLException ? PostgresSession.LOCK_NOT_AVAILABLE.equals(((SQLException) e).getSQLState())
                : String.valueOf(e.getMessage()).contains("could not obtain lock");
    }

    private PgDump pgDump(boolean required) throws SQLException, IOException {
        StringBuilder why = new StringBuilder();
        PgDump pgDump = PgDump.locate(settings.text(Setting.PG_DUMP), connection.getMetaData().getDatabaseMajorVersion(),
                settings.duration(Setting.GATE_TIMEOUT), why);
        if (pgDump == null) {
            if (required) {
                throw new IOException(why + "; install a pg_dump at least as new as the server or set sluice.pgDump");
            }
            LOG.log(System.Logger.Level.INFO, database + ": " + why + "; using the built-in logical backup of schema " + schema);
        }
        return pgDump;
    }

    private ServerAddress server() {
        return ServerAddress.of(jdbcUrl, connector.properties());
    }

    BackupFiles files() {
        return files;
    }

    /**
     * Loads a backup back into the database: {@code pg_restore --clean} for a custom dump, the
     * built-in loader for a logical backup.
     */
    void restore(Path backup) throws SQLException, IOException {
        if (isCustomDump(backup)) {
            StringBuilder why = new StringBuilder();
            PgDump pgDump = PgDump.locate(settings.text(Setting.PG_DUMP), connection.getMetaData().getDatabaseMajorVersion(),
                    settings.duration(Setting.GATE_TIMEOUT), why);
            if (pgDump == null) {
                throw new IOException(backup + " is a pg_dump archive and needs pg_restore: " + why);
            }
            restoreAside(pgDump, backup);
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
