package io.sluice.driver;

import io.sluice.Sluice;
import io.sluice.migrations.error.Problem;
import io.sluice.migrations.error.SluiceException;
import io.sluice.migrations.run.GateReport;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An application that switches from real Flyway to Sluice keeps its history and its scripts. */
class FlywayAdoptionTest {
    @TempDir
    Path dir;

    private Path scripts() throws Exception {
        Path sql = Files.createDirectories(dir.resolve("sql"));
        write(sql, "V1__Create_accounts.sql", "-- accounts of ${owner}\r\nCREATE TABLE accounts (id INTEGER PRIMARY KEY, "
                + "owner TEXT NOT NULL DEFAULT '${owner}');\r\nINSERT INTO accounts (owner) VALUES ('${owner}');\r\n");
        write(sql, "V1_1__Add_email.sql", "\uFEFFALTER TABLE accounts ADD COLUMN email TEXT;\n");
        write(sql, "R__Account_view.sql", "CREATE VIEW IF NOT EXISTS account_owners AS SELECT owner FROM accounts;\n");
        return sql;
    }

    private static void write(Path folder, String name, String text) throws Exception {
        Files.writeString(folder.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static void flywayMigrate(Path database, Path sql) {
        Flyway.configure().dataSource("jdbc:sqlite:" + database, null, null).locations("filesystem:" + sql)
                .placeholders(Map.of("owner", "ada")).load().migrate();
    }

    private static String sluiceUrl(Path database, Path sql) {
        return "jdbc:sluice:sqlite:" + database + "?sluice.locations=filesystem:" + sql + "&sluice.placeholders.owner=ada";
    }

    @Test
    void aDatabaseMigratedByFlywayKeepsItsHistoryAndOnlyNewMigrationsRun() throws Exception {
        Path sql = scripts();
        Path database = dir.resolve("app.db");
        flywayMigrate(database, sql);
        write(sql, "V2__Add_balance.sql", "ALTER TABLE accounts ADD COLUMN balance INTEGER NOT NULL DEFAULT 0;");

        GateReport report = Sluice.migrate(sluiceUrl(database, sql), new Properties());

        assertEquals(List.of("V2__Add_balance.sql"), report.applied());
        assertEquals(List.of("1:SQL:1", "1.1:SQL:1", "R:REPEATABLE:1", "2:SQL:0"), query(database,
                "SELECT COALESCE(version, 'R') || ':' || type || ':' || adopted FROM sluice_schema_history ORDER BY installed_rank"));
        assertEquals(List.of("1"), query(database, "SELECT COUNT(*) FROM accounts"), "Flyway's data migration ran again");
        assertTrue(Sluice.migrate(sluiceUrl(database, sql), new Properties()).applied().isEmpty());
    }

    @Test
    void anOldFileEditedAfterFlywayAppliedItIsCaught() throws Exception {
        Path sql = scripts();
        Path database = dir.resolve("app.db");
        flywayMigrate(database, sql);
        write(sql, "V1_1__Add_email.sql", "ALTER TABLE accounts ADD COLUMN email VARCHAR(200);\n");

        SluiceException refusal = assertThrows(SluiceException.class,
                () -> Sluice.migrate(sluiceUrl(database, sql), new Properties()));

        assertEquals(Problem.CHECKSUM_MISMATCH, refusal.problem());
        assertTrue(refusal.getMessage().contains("V1_1__Add_email.sql"), refusal.getMessage());
    }

    @Test
    void aFolderWithPlaceholdersGivesTheSameSchemaUnderBothTools() throws Exception {
        Path sql = scripts();
        Path byFlyway = dir.resolve("flyway.db");
        Path bySluice = dir.resolve("sluice.db");

        flywayMigrate(byFlyway, sql);
        Sluice.migrate(sluiceUrl(bySluice, sql), new Properties());

        String schema = "SELECT type || ' ' || name || ': ' || sql FROM sqlite_master WHERE name NOT LIKE '%schema_history%' "
                + "AND name NOT LIKE 'sqlite_%' ORDER BY name";
        assertEquals(query(byFlyway, schema), query(bySluice, schema));
        assertEquals(query(byFlyway, "SELECT owner FROM accounts"), query(bySluice, "SELECT owner FROM accounts"));
        assertEquals(List.of("ada"), query(bySluice, "SELECT owner FROM accounts"));
    }

    private static List<String> query(Path database, String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
             Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}
