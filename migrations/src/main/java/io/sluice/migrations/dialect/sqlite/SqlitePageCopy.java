package io.sluice.migrations.dialect.sqlite;

import io.sluice.migrations.dialect.BackupProgress;
import org.sqlite.SQLiteConnection;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The online backup through sqlite-jdbc's own API, which reports the pages copied. A class of its
 * own so that only a caller who asked for progress (the command-line tool, which ships sqlite-jdbc
 * beside it) links against sqlite-jdbc's classes; the gate in an app, whose sqlite-jdbc may sit in
 * another class loader, never loads this class.
 */
final class SqlitePageCopy {
    private SqlitePageCopy() {
    }

    private static final int SQLITE_OK = 0;

    /**
     * @throws SQLException with SQLite's result code as its error code (SQLITE_FULL for a full disk):
     *                      sqlite-jdbc returns the code of a failed copy instead of throwing it
     */
    static void copy(Connection source, Path target, BackupProgress progress) throws SQLException {
        int result = source.unwrap(SQLiteConnection.class).getDatabase().backup("main", target.toString(),
                (remaining, pages) -> progress.copied(pages - remaining, pages));
        if (result != SQLITE_OK) {
            throw new SQLException("SQLite's online backup into " + target + " failed with result code " + result,
                    null, result);
        }
    }
}
