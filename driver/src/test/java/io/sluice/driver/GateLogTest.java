package io.sluice.driver;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SPEC §4: every line the gate logs starts with the database's short name. */
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

    private String messages() {
        StringBuilder text = new StringBuilder();
        records.forEach(r -> text.append('\n').append(r.getLevel()).append(' ').append(r.getMessage()));
        return text.toString();
    }
}
