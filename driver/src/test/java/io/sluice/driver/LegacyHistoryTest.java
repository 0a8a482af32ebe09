package io.sluice.driver;

import io.sluice.Sluice;
import io.sluice.migrations.error.Problem;
import io.sluice.migrations.error.SluiceException;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An app that kept its own {@code schema_migrations} table switches to Sluice without re-running anything. */
class LegacyHistoryTest {
    @TempDir
    Path dir;

    private void sqlite(String... statements) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("app.db"));
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private List<String> rows(String query) throws Exception {
        return SqliteDigest.strings("jdbc:sqlite:" + dir.resolve("app.db"), query);
    }

    private String url() throws Exception {
        Path sql = Files.createDirectories(dir.resolve("sql"));
        Files.writeString(sql.resolve("V1__users.sql"), "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n"
                + "INSERT INTO users (name) VALUES ('admin');");
        Files.writeString(sql.resolve("V2__loans.sql"), "CREATE TABLE loans (id INTEGER PRIMARY KEY, user_id INTEGER);\n"
                + "CREATE INDEX loans_user ON loans (user_id);");
        Files.writeString(sql.resolve("V3__email.sql"), "ALTER TABLE users ADD COLUMN email TEXT;");
        return "jdbc:sluice:sqlite:" + dir.resolve("app.db") + "?sluice.locations=filesystem:" + sql
                + "&sluice.legacy-table=schema_migrations";
    }

    @Test
    void recordedVersionsAreAdoptedAfterTheCheckAndOnlyNewOnesRun() throws Exception {
        sqlite("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, description TEXT, applied_at TEXT)",
                "INSERT INTO schema_migrations VALUES (1, 'users', '2024-01-01'), (2, 'loans', '2024-02-01')",
                "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL)", "INSERT INTO users (name) VALUES ('admin')",
                "CREATE TABLE loans (id INTEGER PRIMARY KEY, user_id INTEGER)", "CREATE INDEX loans_user ON loans (user_id)");

        assertEquals(List.of("V3__email.sql"), Sluice.migrate(url(), new Properties()).applied());

        assertEquals(List.of("1"), rows("SELECT COUNT(*) FROM users"), "V1's insert ran again");
        assertEquals(List.of("1:1", "2:1", "3:0"), rows("SELECT version || ':' || adopted FROM sluice_schema_history "
                + "ORDER BY installed_rank"));
        assertTrue(Sluice.migrate(url(), new Properties()).applied().isEmpty());
    }

    @Test
    void aRecordedVersionWhoseChangesAreMissingIsRefusedNamingThem() throws Exception {
        sqlite("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, description TEXT, applied_at TEXT)",
                "INSERT INTO schema_migrations VALUES (1, 'users', '2024-01-01'), (2, 'loans', '2024-02-01')",
                "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");

        SluiceException refusal = assertThrows(SluiceException.class, () -> Sluice.migrate(url(), new Properties()));

        assertEquals(Problem.CONFLICT, refusal.problem());
        assertTrue(refusal.getMessage().contains("V2__loans.sql line 1") && refusal.getMessage().contains("loans"),
                refusal.getMessage());
        assertEquals(List.of(), rows("SELECT name FROM sqlite_master WHERE name IN ('loans', 'sluice_schema_history')"));
    }
}
