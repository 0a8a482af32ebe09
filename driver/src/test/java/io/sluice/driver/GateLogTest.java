package io.sluice.driver;

import io.sluice.Sluice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SPEC §4: every line the gate logs starts with the database's short name, and a start says only what matters at INFO. */
class GateLogTest {
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Logger sluice = Logger.getLogger("io.sluice");
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @TempDir
    Path dir;

    @BeforeEach
    void captureLogs() {
        sluice.addHandler(capture);
    }

    @AfterEach
    void releaseLogs() {
        sluice.removeHandler(capture);
    }

    @Test
    void everyLineOfAGateRunStartsWithTheDatabaseNameIgnoredFilesIncluded() throws Exception {
        LegacyDatabase db = new LegacyDatabase(dir, "ledger.db").seeded().withStandardMigrations();
        db.migration("V9-missing-underscores.sql", "CREATE TABLE never (id INTEGER);");

        try (Connection connection = DriverManager.getConnection(db.sluiceUrl())) {
            assertFalse(connection.isClosed());
        }

        assertTrue(records.stream().anyMatch(r -> r.getLevel() == Level.WARNING
                && r.getMessage().startsWith("ledger: Ignoring ") && r.getMessage().contains("V9-missing-underscores.sql")),
                "no warning about the misnamed file: " + messages());
        assertTrue(records.stream().allMatch(r -> r.getMessage().startsWith("ledger: ")), messages());
    }

    @Test
    void aNothingPendingStartLogsOneInfoLineAndAMigratingStartOneLinePerMigrationAndASummary() throws Exception {
        LegacyDatabase db = new LegacyDatabase(dir, "ledger.db").seeded().withStandardMigrations();

        Sluice.migrate(db.sluiceUrl(), new Properties());
        List<String> migrating = infoLines();
        records.clear();
        Sluice.migrate(db.sluiceUrl(), new Properties());

        assertEquals(4, migrating.size(), "three migrations and a summary: " + migrating);
        assertTrue(migrating.get(0).startsWith("ledger: applied V1__") && migrating.get(3).startsWith("ledger: migrated v0 -> v3"),
                migrating.toString());
        List<String> upToDate = infoLines();
        assertEquals(1, upToDate.size(), upToDate.toString());
        assertTrue(upToDate.get(0).startsWith("ledger: schema up to date at v3, nothing pending"), upToDate.get(0));
    }

    /** What reaches the console by default: INFO and above. */
    private List<String> infoLines() {
        return records.stream().filter(r -> r.getLevel().intValue() >= Level.INFO.intValue()).map(LogRecord::getMessage)
                .collect(Collectors.toList());
    }

    private String messages() {
        StringBuilder text = new StringBuilder();
        records.forEach(r -> text.append('\n').append(r.getLevel()).append(' ').append(r.getMessage()));
        return text.toString();
    }
}
