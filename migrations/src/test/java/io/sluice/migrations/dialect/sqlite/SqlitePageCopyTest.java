package io.sluice.migrations.dialect.sqlite;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqlitePageCopyTest {
    private static final int SQLITE_CANTOPEN = 14;

    @TempDir
    Path dir;

    @Test
    void aCopyReportsItsPagesAndHoldsEveryRow() throws Exception {
        Path copy = dir.resolve("copy.db");
        List<int[]> reported = new ArrayList<>();
        try (Connection source = seeded()) {
            SqlitePageCopy.copy(source, copy, (done, total) -> reported.add(new int[] {done, total}));
        }

        assertFalse(reported.isEmpty());
        int[] last = reported.get(reported.size() - 1);
        assertEquals(last[1], last[0]);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + copy);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM notes")) {
            assertTrue(rs.next());
            assertEquals(500, rs.getInt(1));
        }
    }

    @Test
    void aCopyThatCannotWriteItsTargetFailsWithSqlitesResultCode() throws Exception {
        Path target = dir.resolve("no-such-folder").resolve("copy.db");
        try (Connection source = seeded()) {
            SQLException failure = assertThrows(SQLException.class,
                    () -> SqlitePageCopy.copy(source, target, (done, total) -> { }));

            assertEquals(SQLITE_CANTOPEN, failure.getErrorCode() & 0xFF, failure.getMessage());
            assertTrue(failure.getMessage().contains(target.toString()), failure.getMessage());
        }
        assertFalse(Files.exists(target));
    }

    private Connection seeded() throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("source.db"));
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)");
            statement.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500) "
                    + "INSERT INTO notes (body) SELECT hex(randomblob(64)) FROM n");
        }
        return connection;
    }
}
