package io.sluice.driver;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every kind of bad input is one clear line, thrown before the database is read or written. */
class BadInputTest {
    @TempDir
    Path dir;

    @Test
    void anUnknownSettingNamesTheClosestKnownOne() throws Exception {
        SQLException error = refused(new LegacyDatabase(dir).seeded().withStandardMigrations(), "sluice.lockTimout=PT1S");
        assertTrue(error.getMessage().contains("sluice.lockTimout") && error.getMessage().contains("did you mean sluice.lockTimeout"),
                error.getMessage());
    }

    @Test
    void anUnknownSettingInConnectionPropertiesIsRefusedToo() throws Exception {
        LegacyDatabase db = new LegacyDatabase(dir).seeded().withStandardMigrations();
        Properties properties = new Properties();
        properties.setProperty("sluice.backup-dri", "/tmp");
        SQLException error = assertThrows(SQLException.class, () -> DriverManager.getConnection(db.sluiceUrl(), properties));
        assertTrue(error.getMessage().contains("did you mean sluice.backupDir"), error.getMessage());
        assertUntouched(db);
    }

    @Test
    void aMissingLocationIsNamed() throws Exception {
        LegacyDatabase db = new LegacyDatabase(dir).seeded();
        String url = "jdbc:sluice:sqlite:" + db.file + "?sluice.locations=filesystem:" + dir.resolve("no-such-folder");
        SQLException error = assertThrows(SQLException.class, () -> DriverManager.getConnection(url));
        assertTrue(error.getMessage().contains("no-such-folder") && error.getMessage().contains("does not exist"),
                error.getMessage());
        assertOneLine(error);
        assertUntouched(db);
    }

    @Test
    void aMalformedDurationNamesSettingAndValue() throws Exception {
        SQLException error = refused(new LegacyDatabase(dir).seeded().withStandardMigrations(), "sluice.lockTimeout=10min");
        assertTrue(error.getMessage().contains("sluice.lockTimeout=10min") && error.getMessage().contains("PT"),
                error.getMessage());
    }

    @Test
    void aHistoryTableNameCarryingSqlIsRefused() throws Exception {
        SQLException error = refused(new LegacyDatabase(dir).seeded().withStandardMigrations(),
                "sluice.table=h%3B%20DROP%20TABLE%20users");
        assertTrue(error.getMessage().contains("sluice.table=h; DROP TABLE users"), error.getMessage());
    }

    @Test
    void aProgramSettingIsNeverTakenFromTheUrl() throws Exception {
        SQLException error = refused(new LegacyDatabase(dir).seeded().withStandardMigrations(), "sluice.pgDump=/bin/sh");
        assertTrue(error.getMessage().contains("sluice.pgDump cannot be set in the URL"), error.getMessage());
    }

    @Test
    void anInMemoryDatabaseIsRefusedForTheAppWouldNeverSeeWhatWasMigrated() throws Exception {
        LegacyDatabase db = new LegacyDatabase(dir).withStandardMigrations();
        for (String database : new String[] {":memory:", ""}) {
            String url = "jdbc:sluice:sqlite:" + database + "?sluice.locations=filesystem:" + db.migrations;
            SQLException error = assertThrows(SQLException.class, () -> DriverManager.getConnection(url), url);
            assertEquals("22023", error.getSQLState(), error.getMessage());
            assertTrue(error.getMessage().contains("in-memory database"), error.getMessage());
            assertOneLine(error);
        }
    }

    @Test
    void aHistoryTableNamingAnApplicationTableIsRefusedBeforeAnyBackup() throws Exception {
        LegacyDatabase db = new LegacyDatabase(dir).seeded().withStandardMigrations();
        String before = db.originalContentDigest();
        SQLException error = refused(db, "sluice.table=users");
        assertTrue(error.getMessage().contains("not a Sluice history table"), error.getMessage());
        assertEquals(before, db.originalContentDigest());
        assertTrue(refused(db, "sluice.table=sqlite_master").getMessage().contains("SQLite reserves"));
    }

    private SQLException refused(LegacyDatabase db, String setting) throws Exception {
        SQLException error = assertThrows(SQLException.class, () -> DriverManager.getConnection(db.sluiceUrl(setting)));
        assertEquals("22023", error.getSQLState());
        assertOneLine(error);
        assertUntouched(db);
        return error;
    }

    private static void assertOneLine(SQLException error) {
        assertFalse(error.getMessage().contains("\n"), "more than one line: " + error.getMessage());
    }

    private static void assertUntouched(LegacyDatabase db) throws Exception {
        assertEquals(0, db.count("SELECT COUNT(*) FROM sqlite_master WHERE name = 'sluice_schema_history'"));
        assertEquals(0, db.count("SELECT COUNT(*) FROM sqlite_master WHERE name = 'cashback_account'"));
        assertFalse(Files.exists(db.backups()), "a backup was taken");
    }
}
