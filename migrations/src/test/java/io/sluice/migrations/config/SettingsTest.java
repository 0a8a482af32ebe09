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
}
