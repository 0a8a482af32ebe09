package io.sluice.migrations.dialect.sqlite;

import io.sluice.migrations.config.Setting;
import io.sluice.migrations.error.Problem;
import io.sluice.migrations.error.SluiceException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Whether SQLite can write a database, asked before the gate backs it up: a database that cannot
 * be migrated gets no backup either, and the refusal names the file and what to change instead of
 * SQLite's bare {@code SQLITE_READONLY}.
 */
final class SqliteWriteCheck {
    private SqliteWriteCheck() {
    }

    /**
     * Writes nothing, but makes SQLite check that it could: the header's {@code user_version} set to
     * its own value inside a savepoint that takes it back.
     *
     * @throws SluiceException {@code READ_ONLY_DATABASE} when SQLite cannot write the database
     */
    static void require(Connection connection, Path databaseFile) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SAVEPOINT sluice_write_check");
            try {
                long version;
                try (ResultSet rs = statement.executeQuery("PRAGMA user_version")) {
                    rs.next();
                    version = rs.getLong(1);
                }
                statement.execute("PRAGMA user_version = " + version);
            } finally {
                statement.execute("ROLLBACK TO sluice_write_check");
                statement.execute("RELEASE sluice_write_check");
            }
        } catch (SQLException e) {
            throw SqliteErrors.isReadOnly(e) ? refusal(e, databaseFile) : e;
        }
    }

    /** The refusal, with the likeliest cause read from the file system. */
    static SluiceException refusal(SQLException cause, Path databaseFile) {
        Path file = databaseFile == null ? null : databaseFile.toAbsolutePath().normalize();
        Path folder = file == null ? null : file.getParent();
        String why = file == null ? "SQLite refuses to write it"
                : !Files.isWritable(file) ? "the file is read-only for this process"
                : folder != null && !Files.isWritable(folder) ? "its folder " + folder + " is read-only for this process, "
                        + "and SQLite writes its journal beside the file"
                : "SQLite opened it read-only (a read-only mount, or mode=ro or open_mode in the URL)";
        return new SluiceException(Problem.READ_ONLY_DATABASE, "The database " + (file == null ? "" : file + " ")
                + "cannot be written: " + why + " (" + cause.getMessage() + "); nothing was backed up or applied; make the "
                + "file and its folder writable by the user the app runs as and open it read-write, or set "
                + Setting.ENABLED.property() + "=false to start without migrating", cause);
    }
}
