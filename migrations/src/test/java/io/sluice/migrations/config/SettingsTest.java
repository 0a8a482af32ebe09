package io.sluice.migrations.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.migrations.error.SluiceException;
import io.sluice.migrations.model.Version;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SettingsTest {
    @Test
    void toStringNamesPlaceholdersButNeverShowsTheirValues() throws Exception {
        Settings settings = new Settings.Builder()
            .put(Setting.TABLE, "history", "the URL")
            .placeholder("dbPassword", "hunter2-s3cr3t")
            .placeholder("apiKey", "AKIA0000SECRET")
            .build();

        String text = settings.toString();

        assertFalse(text.contains("hunter2-s3cr3t"), text);
        assertFalse(text.contains("AKIA0000SECRET"), text);
        assertTrue(text.contains("placeholders.dbPassword"), text);
        assertTrue(text.contains("placeholders.apiKey"), text);
        assertTrue(text.contains("table=history"), text);
    }

    @Test
    void placeholdersResolvedFromSourcesStayOutOfToString() throws Exception {
        Settings settings = new Sources(java.util.Map.of("sluice.placeholders.token", "tok-123456"),
            new java.util.Properties(), new java.util.Properties(), java.util.Map.of(), null).resolve();

        assertEquals("tok-123456", settings.placeholders().get("token"));
        assertFalse(settings.toString().contains("tok-123456"), settings.toString());
    }

    @Test
    void defaultsAreTheDocumentedValues() {
        Settings settings = Settings.defaults();

        assertEquals("sluice_schema_history", settings.text(Setting.TABLE));
        assertEquals(Duration.ofMinutes(30), settings.duration(Setting.GATE_TIMEOUT));
        assertEquals(List.of("classpath:db/migration"), settings.list(Setting.LOCATIONS));
        assertEquals(List.of(), settings.list(Setting.INCLUDE));
        assertNull(settings.text(Setting.BACKUP_DIR));
        assertFalse(settings.isSet(Setting.TABLE));
        assertNull(settings.target());
    }

    @Test
    void laterPutWins() throws Exception {
        Settings settings = new Settings.Builder()
            .put(Setting.TABLE, "first", "a")
            .put(Setting.TABLE, "second", "b")
            .build();

        assertEquals("second", settings.text(Setting.TABLE));
        assertTrue(settings.isSet(Setting.TABLE));
    }

    @Test
    void listIsSplitOnCommasAndTrimmed() throws Exception {
        Settings settings = new Settings.Builder()
            .put(Setting.LOCATIONS, " classpath:db/migration , filesystem:/srv/sql,, ", "the URL")
            .build();

        assertEquals(List.of("classpath:db/migration", "filesystem:/srv/sql"), settings.list(Setting.LOCATIONS));
    }

    @Test
    void targetIsAVersionOrLatest() throws Exception {
        assertEquals(Version.parse("1.10"),
            new Settings.Builder().put(Setting.TARGET, "1.10", "x").build().target());
        assertNull(new Settings.Builder().put(Setting.TARGET, "LATEST", "x").build().target());
    }

    @Test
    void valuesAreTrimmed() throws Exception {
        Settings settings = new Settings.Builder().put(Setting.LOCK_TIMEOUT, "  PT3S ", "x").build();

        assertEquals(Duration.ofSeconds(3), settings.duration(Setting.LOCK_TIMEOUT));
    }

    @Test
    void overlongInvalidValueIsShortenedInTheMessage() {
        String value = "x".repeat(500);

        SluiceException e = assertThrows(SluiceException.class,
            () -> new Settings.Builder().put(Setting.TABLE, value, "the URL"));

        assertTrue(e.getMessage().length() < 300, e.getMessage());
        assertTrue(e.getMessage().contains("sluice.table=xxx"), e.getMessage());
    }

    @Test
    void choicesAreReadAsTheirEnumWhateverTheirCase() throws Exception {
        Settings settings = new Settings.Builder()
            .put(Setting.ON_FAILURE, "Serve", "the URL")
            .put(Setting.LOCK_MODE, "TABLE", "the URL")
            .build();

        assertEquals(OnFailure.SERVE, settings.choice(Setting.ON_FAILURE, OnFailure.class));
        assertEquals(LockMode.TABLE, settings.choice(Setting.LOCK_MODE, LockMode.class));
        assertEquals(OnFuture.WARN, Settings.defaults().choice(Setting.ON_FUTURE, OnFuture.class));
        assertEquals(Backup.AUTO, Settings.defaults().choice(Setting.BACKUP, Backup.class));
        assertThrows(IllegalArgumentException.class, () -> settings.choice(Setting.ON_FUTURE, OnFailure.class));
    }

    @Test
    void aDialectsBackupMethodIsReadAsMethodWithItsName() throws Exception {
        Settings settings = new Settings.Builder().put(Setting.BACKUP, "pg_dump", "the URL").build();

        assertEquals(Backup.METHOD, settings.choice(Setting.BACKUP, Backup.class));
        assertEquals("pg_dump", settings.text(Setting.BACKUP));
        assertEquals(Backup.NONE, new Settings.Builder().put(Setting.BACKUP, "none", "x").build()
            .choice(Setting.BACKUP, Backup.class));
    }

    /** The values docs/settings.md and getPropertyInfo show; the backup methods come from the dialects. */
    @Test
    void choicesAreTheDocumentedStrings() {
        assertEquals(List.of("auto", "none", "sqlite-online", "pg_dump"), Setting.BACKUP.choices());
        assertEquals(List.of("auto", "advisory", "table"), Setting.LOCK_MODE.choices());
        assertEquals(List.of("fail", "serve"), Setting.ON_FAILURE.choices());
        assertEquals(List.of("warn", "fail"), Setting.ON_FUTURE.choices());
        assertEquals(List.of(), Setting.TABLE.choices());
        assertEquals("`auto`, `none`, or a dialect method (`sqlite-online`, `pg_dump`)", Setting.BACKUP.description());
        assertEquals("sluice.backup=none", Setting.BACKUP.assigned(Backup.NONE));
    }

    @Test
    void aValueOutsideTheChoicesIsRefusedNamingThem() {
        SluiceException e = assertThrows(SluiceException.class,
            () -> new Settings.Builder().put(Setting.ON_FAILURE, "retry", "the URL"));

        assertEquals("sluice.onFailure=retry (from the URL) is invalid: expected one of fail, serve", e.getMessage());
    }

    @Test
    void onlyTrustedSourcesMayGiveAProgramOrFile() {
        for (Setting setting : Setting.values()) {
            boolean trustedOnly = setting == Setting.PG_DUMP || setting == Setting.CONFIG;
            assertEquals(trustedOnly, setting.isTrustedOnly(), setting.key());
            assertEquals(!trustedOnly, setting.allowedFrom(Source.URL), setting.key());
            assertEquals(!trustedOnly, setting.allowedFrom(Source.CONNECTION_PROPERTIES), setting.key());
            assertTrue(setting.allowedFrom(Source.SYSTEM_PROPERTIES) && setting.allowedFrom(Source.ENVIRONMENT)
                && setting.allowedFrom(Source.FILE), setting.key());
        }
    }

    @Test
    void keysAreFoundInCamelOrKebabCaseAndMisspeltOnesGetTheNearest() {
        assertEquals(Setting.LOCK_TIMEOUT, Setting.find("lock-timeout"));
        assertEquals(Setting.LOCK_TIMEOUT, Setting.misspelt("lockTimout"));
        assertNull(Setting.misspelt("placeholders.token"));
        assertNull(Setting.misspelt("instance.prod.url"));
        assertNull(Setting.misspelt("backup-dir"));
        assertEquals("sluice.backup-dir", Setting.BACKUP_DIR.kebabProperty());
    }

    @Test
    void everySettingsEnvironmentVariableAndKebabNameFollowItsWords() {
        for (Setting setting : Setting.values()) {
            assertEquals("SLUICE_" + setting.name(), setting.environmentVariable());
            assertEquals("sluice." + setting.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                    setting.kebabProperty());
        }
    }
}
