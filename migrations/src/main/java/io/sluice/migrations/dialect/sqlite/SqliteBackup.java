package io.sluice.migrations.dialect.sqlite;

import io.sluice.migrations.backup.BackupFiles;
import io.sluice.migrations.dialect.BackupProgress;
import io.sluice.migrations.dialect.Connector;
import io.sluice.migrations.error.Problem;
import io.sluice.migrations.error.SluiceException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * Backups through SQLite's online backup API (sqlite-jdbc's {@code backup to}), taken on a second
 * connection while the gate's connection holds the write lock: readers may go on, nobody writes.
 */
final class SqliteBackup {
    private final Connector connector;
    private final BackupFiles files;

    SqliteBackup(Connector connector, Path directory, String stem) {
        this.connector = connector;
        this.files = new BackupFiles(directory, stem, ".db");
    }

    /**
     * Copies the database into an owner-only temporary file, verifies the copy (integrity and the
     * same row count in every table) and only then gives it its name.
     */
    Path write(String reason, Map<String, Long> rowCounts, BackupProgress progress) throws SluiceException {
        Path temporary = null;
        try {
            temporary = files.createTemporary();
            try (Connection source = connector.connect()) {
                if (progress == BackupProgress.NONE) {
                    try (Statement statement = source.createStatement()) {
                        statement.executeUpdate("backup to " + literal(temporary));
                    }
                } else {
                    SqlitePageCopy.copy(source, temporary, progress);
                }
            }
            verify(temporary, rowCounts);
            Path published = files.publish(temporary, reason);
            temporary = null;
            return published;
        } catch (IOException | SQLException e) {
            throw new SluiceException(Problem.BACKUP_FAILED, "Backup into " + files.directory().toAbsolutePath()
                    + " failed, nothing was applied: " + e.getMessage()
                    + "; make the folder writable, set sluice.backupDir, or sluice.backup=none", e);
        } finally {
            deleteQuietly(temporary);
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

    BackupFiles files() {
        return files;
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

    private static String literal(Path file) {
        return "'" + file.toAbsolutePath().toString().replace("'", "''") + "'";
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a leftover .partial file is harmless: no listing matches its name
            }
        }
    }
}
