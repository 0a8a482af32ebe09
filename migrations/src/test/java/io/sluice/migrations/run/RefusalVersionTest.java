package io.sluice.migrations.run;

import io.sluice.Sluice;
import io.sluice.migrations.error.Problem;
import io.sluice.migrations.error.SluiceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 18, item 3: a refusal at the inspect step summarises the run with the version the
 * database is at, never {@code v0}.
 */
class RefusalVersionTest {
    @TempDir
    Path dir;

    @Test
    void aRefusalAtInspectNamesTheVersionTheDatabaseIsAt() throws Exception {
        Path sql = Files.createDirectories(dir.resolve("sql"));
        Files.writeString(sql.resolve("V1__accounts.sql"), "CREATE TABLE accounts (id INTEGER PRIMARY KEY);\n");
        Files.writeString(sql.resolve("V2__email.sql"), "ALTER TABLE accounts ADD COLUMN email TEXT;\n");
        String url = "jdbc:sqlite:" + dir.resolve("app.db");
        Properties settings = new Properties();
        settings.setProperty("sluice.locations", "filesystem:" + sql);
        Sluice.migrate(url, settings);
        Files.writeString(sql.resolve("V1__accounts.sql"), "-- edited\n", StandardOpenOption.APPEND);

        SluiceException refused = assertThrows(SluiceException.class, () -> Sluice.migrate(url, settings));

        assertEquals(Problem.CHECKSUM_MISMATCH, refused.problem());
        String summary = refused.report().toString();  // what the gate's SEVERE line and the CLI print
        assertTrue(summary.startsWith("gate refused at v2;"), summary);
        assertFalse(summary.contains("at v0"), summary);
        assertEquals("2", String.valueOf(refused.report().versionBefore()));
    }
}
