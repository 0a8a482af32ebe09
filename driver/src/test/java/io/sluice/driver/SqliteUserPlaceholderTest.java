package io.sluice.driver;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * docs/migrations.md: SQLite has no users, so {@code ${flyway:user}} and {@code ${sluice:user}} are
 * empty there, under Flyway and under Sluice alike; a Flyway folder that uses them runs unchanged.
 */
class SqliteUserPlaceholderTest {
    @TempDir
    Path dir;

    @Test
    void theUserPlaceholdersAreEmptyOnSqliteAsUnderFlyway() throws Exception {
        Path sql = Files.createDirectories(dir.resolve("sql"));
        Files.writeString(sql.resolve("V1__who.sql"), "CREATE TABLE who (flyway_user TEXT, sluice_user TEXT);\n"
                + "INSERT INTO who VALUES ('[${flyway:user}]', '[${flyway:user}]');\n");
        Flyway.configure().dataSource("jdbc:sqlite:" + dir.resolve("flyway.db"), null, null)
                .locations("filesystem:" + sql).load().migrate();
        Files.writeString(sql.resolve("V1__who.sql"), Files.readString(sql.resolve("V1__who.sql"))
                .replace("', '[${flyway:user}]", "', '[${sluice:user}]"));
        DriverManager.getConnection("jdbc:sluice:sqlite:" + dir.resolve("sluice.db") + "?sluice.locations=filesystem:" + sql)
                .close();

        assertEquals("[] []", row(dir.resolve("flyway.db")), "Flyway's own value on SQLite");
        assertEquals("[] []", row(dir.resolve("sluice.db")));
    }

    private static String row(Path database) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT flyway_user || ' ' || sluice_user FROM who")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
