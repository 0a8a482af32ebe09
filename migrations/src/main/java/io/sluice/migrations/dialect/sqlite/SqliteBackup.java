package io.sluice.migrations.dialect.sqlite;

import io.sluice.migrations.backup.BackupFiles;
import io.sluice.migrations.backup.BackupStore;
import io.sluice.migrations.backup.DatabaseIdentity;
import io.sluice.migrations.backup.RestoreRefused;
import io.sluice.migrations.config.Setting;
import io.sluice.migrations.config.Settings;
import io.sluice.migrations.dialect.BackupProgress;
import io.sluice.migrations.dialect.Connector;
import io.sluice.migrations.error.SluiceException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Map;

/**
 * Backups through SQLite's online backup API (sqlite-jdbc's {@code backup to}), taken on a second
 * connection while the gate's connection holds the write lock: readers may go on, nobody writes.
 */
final class SqliteBackup {
    private static final System.Logger LOG = System.getLogger("io.sluice");
    private static final byte[] HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private final Connector connector;
    private final Path databaseFile;
    private final Path directory;
    private final String stem;
    private final Settings settings;
    private BackupStore store;

    SqliteBackup(Connector connector, Path databaseFile, Path directory, String stem, Settings settings) {
        this.connector = connector;
        this.databaseFile = databaseFile;
        this.directory = directory;
        this.stem = stem;
        this.settings = settings;
    }

    /** Made on first use: the identity resolves the file's path, which exists once the gate has connected. */
    private BackupStore store() {
        if (store == null) {
            store = new BackupStore(new BackupFiles(directory, stem, ".db", DatabaseIdentity.ofFile(SqliteDialect.NAME, databaseFile)),
                    settings.count(Setting.BACKUP_RETAIN), stem, SqliteErrors.INSTANCE);
        }
        return store;
    }

    BackupFiles files() {
        return store().files();
    }

    /**
     * Copies the database into an owner-only temporary file, verifies the copy (integrity and the
     * same row count in every table) and only then gives it its name; or, with {@code reuse}, returns
     * the newest backup when the database's content has not changed since it was taken.
     *
     * @param gate the gate's connection, which holds the write lock
     */
    Path write(Connection gate, String reason, Map<String, Long> rowCounts, BackupProgress progress, boolean reuse)
            throws SluiceException {
        return store().take(reason, reuse ? new Content(gate) : null, (temporary, written) -> {
            try (Connection source = connector.connect()) {
                if (!progress.watchesPages()) {
                    try (Statement statement = source.createStatement()) {
                        statement.executeUpdate("backup to " + literal(temporary));
                    }
                } else {
                    SqlitePageCopy.copy(source, temporary, progress);
                }
            }
            written.run();
            long checking = System.nanoTime();
            verify(temporary, rowCounts);
            progress.checked(System.nanoTime() - checking);
        });
    }

    /** The rows of every table, the gate's own connection's and a backup's opened read-only. */
    private final class Content implements BackupStore.State {
        private final Connection gate;

        Content(Connection gate) {
            this.gate = gate;
        }

        @Override
        public String ofDatabase() throws SQLException {
            return SqliteState.digest(gate, settings.text(Setting.TABLE));
        }

        @Override
        public String ofBackup(Path backup) throws SQLException {
            try (Connection connection = connector.connectTo(readOnly(backup))) {
                return SqliteState.digest(connection, settings.text(Setting.TABLE));
            }
        }
    }

    private void verify(Path copy, Map<String, Long> expected) throws SQLException {
        try (Connection connection = connector.connectTo(SqliteDialect.URL_PREFIX + copy)) {
            String integrity = SqliteChecks.integrity(connection);
            if (!integrity.equals("ok")) {
                throw new SQLException("the copy fails integrity_check: " + integrity);
            }
            Map<String, Long> actual = SqliteChecks.rowCounts(connection);
            if (!actual.equals(expected)) {
                throw new SQLException("the copy's row counts " + actual + " differ from the database's " + expected);
            }
        }
    }

    /**
     * The database file and its write-ahead log copied byte for byte, for a database too damaged to
     * back up ({@code failure} says why it could not be).
     */
    Path copyPlain(String reason, SQLException failure) throws SluiceException {
        LOG.log(System.Logger.Level.WARNING, stem + ": cannot back up and verify the database (" + failure.getMessage()
                + "); copying its files as they are");
        try {
            return store().copyPlain(reason, databaseFile, databaseFile.resolveSibling(databaseFile.getFileName() + "-wal"));
        } catch (SluiceException e) {
            e.addSuppressed(failure);
            throw e;
        }
    }

    /** Refuses what is not a whole SQLite database, damaged since it was taken, or another database's backup. */
    void checkRestorable(Path backup, boolean otherDatabase) throws SQLException {
        store().checkRestorable(backup, otherDatabase, SqliteBackup::checkHeader, this::checkIntegrity);
    }

    private static void checkHeader(Path file) throws IOException {
        byte[] start = new byte[HEADER.length];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(start, 0, start.length) != start.length || !Arrays.equals(start, HEADER)) {
                throw new RestoreRefused(file + " is not a SQLite database (it does not start with SQLite's header); "
                        + "nothing was changed; restore a backup Sluice took (list them with: backups)");
            }
        }
    }

    private void checkIntegrity(Path file) throws IOException {
        String integrity;
        try (Connection connection = connector.connectTo(readOnly(file))) {
            integrity = SqliteChecks.integrity(connection);
        } catch (SQLException e) {
            integrity = e.getMessage();
        }
        if (!integrity.equals("ok")) {
            String said = integrity.length() > 300 ? integrity.substring(0, 300) + "…" : integrity;
            throw new RestoreRefused(file + " is damaged: SQLite's integrity_check says " + said
                    + "; nothing was changed; restore another backup (list them with: backups)");
        }
    }

    /** Copies a backup back over the database the connection is open on (no transaction may be open). */
    static void restore(Connection connection, Path backup) throws SQLException, IOException {
        if (!Files.isReadable(backup)) {
            throw new IOException(backup + " is not readable");
        }
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("restore from " + literal(backup));
        }
    }

    /** Opened read-only, so reading a file never changes it or creates a journal beside it. */
    private static String readOnly(Path file) {
        return SqliteDialect.URL_PREFIX + file.toAbsolutePath() + "?open_mode=1";
    }

    private static String literal(Path file) {
        return "'" + file.toAbsolutePath().toString().replace("'", "''") + "'";
    }
}
