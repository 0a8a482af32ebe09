package io.sluice.migrations.dialect;

import io.sluice.migrations.config.Backup;
import io.sluice.migrations.config.Setting;
import io.sluice.migrations.config.Settings;
import io.sluice.migrations.error.Problem;
import io.sluice.migrations.error.SluiceException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What the shared code asks of the dialects instead of knowing it itself. */
class DialectsTest {
    private final Dialect sqlite = Dialects.find("jdbc:sqlite:app.db");
    private final Dialect postgres = Dialects.find("jdbc:postgresql://db/shop");

    @Test
    void anUnsupportedUrlIsRefusedNamingTheSupportedPrefixes() {
        SluiceException e = assertThrows(SluiceException.class, () -> Dialects.forUrl("jdbc:mysql://db/shop"));

        assertEquals(Problem.INVALID_SETTING, e.problem());
        assertEquals("Sluice does not support jdbc:mysql://db/shop; supported URLs start with jdbc:sluice:sqlite: "
            + "or jdbc:sluice:postgresql:", e.getMessage());
    }

    @Test
    void eachDialectNamesItsBackupMethodsAndDataSources() {
        assertEquals(List.of("sqlite-online", "pg_dump"), Dialects.backupMethods());
        assertEquals(List.of("org.sqlite.SQLiteDataSource", "org.postgresql.ds.common.BaseDataSource"),
            Dialects.dataSourceClasses());
        assertEquals("SQLite and PostgreSQL", Dialects.displayNames());
    }

    @Test
    void anotherDatabasesBackupMethodIsRefusedNamingThisOnes() throws Exception {
        Settings pgDump = settings(Setting.BACKUP, "pg_dump");
        Settings online = settings(Setting.BACKUP, "sqlite-online");

        assertEquals("sluice.backup=pg_dump does not apply to SQLite; use auto, sqlite-online or none",
            assertThrows(SluiceException.class, () -> sqlite.backup(pgDump)).getMessage());
        assertEquals("sluice.backup=sqlite-online does not apply to PostgreSQL; use auto, pg_dump or none",
            assertThrows(SluiceException.class, () -> postgres.backup(online)).getMessage());
        assertEquals(Backup.METHOD, sqlite.backup(online));
        assertEquals(Backup.METHOD, postgres.backup(pgDump));
        assertEquals(Backup.NONE, postgres.backup(settings(Setting.BACKUP, "none")));
    }

    @Test
    void ownTablesAreTheHistoryAndPostgresLeaseTable() throws Exception {
        Settings settings = settings(Setting.TABLE, "history");

        assertEquals(List.of("history"), sqlite.ownTables(settings));
        assertEquals(List.of("history", "history_lock"), postgres.ownTables(settings));
    }

    @Test
    void sqliteMetadataKnowsNoSchemas() {
        assertNull(sqlite.metadataSchema("main"));
        assertEquals("public", postgres.metadataSchema("public"));
    }

    private static Settings settings(Setting setting, String value) throws SluiceException {
        return new Settings.Builder().put(setting, value, "the URL").build();
    }
}
