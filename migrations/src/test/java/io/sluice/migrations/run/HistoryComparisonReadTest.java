package io.sluice.migrations.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.sluice.migrations.config.Setting;
import io.sluice.migrations.config.Settings;
import io.sluice.migrations.dialect.GateSession;
import io.sluice.migrations.dialect.sqlite.SqliteDialect;
import io.sluice.migrations.history.HistoryTable;
import io.sluice.migrations.model.AppliedMigration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The up-to-date read takes from the history only what it compares with the files, and nothing less. */
class HistoryComparisonReadTest {
    @TempDir
    Path temp;

    @Test
    void theComparisonReadKeepsWhatIsComparedAndLeavesWhoWhenAndTheBackupOut() throws Exception {
        Path scripts = Files.createDirectories(temp.resolve("sql"));
        Files.writeString(scripts.resolve("V1__loans.sql"), "CREATE TABLE loans (id INTEGER PRIMARY KEY);\n");
        Files.writeString(scripts.resolve("V2__seed.sql"), "INSERT INTO loans (id) VALUES (1);\n");
        String url = "jdbc:sqlite:" + temp.resolve("app.db");
        Settings settings = new Settings.Builder().put(Setting.LOCATIONS, "filesystem:" + scripts, "the test").build();
        SqliteDialect dialect = new SqliteDialect();
        new GateRun(dialect, url, new SqliteConnector(url), settings).run();

        List<AppliedMigration> whole;
        List<AppliedMigration> compared;
        try (GateSession session = dialect.open(url, new SqliteConnector(url), settings)) {
            HistoryTable history = HistoryTable.of(session, dialect, settings.text(Setting.TABLE));
            whole = history.read();
            compared = history.readForComparison();
        }

        assertEquals(2, compared.size());
        for (int i = 0; i < whole.size(); i++) {
            AppliedMigration row = whole.get(i);
            AppliedMigration read = compared.get(i);
            assertEquals(row.installedRank(), read.installedRank());
            assertEquals(row.version(), read.version());
            assertEquals(row.description(), read.description());
            assertEquals(row.type(), read.type());
            assertEquals(row.script(), read.script());
            assertEquals(row.checksum(), read.checksum());
            assertEquals(row.executionTimeMs(), read.executionTimeMs());
            assertEquals(row.success(), read.success());
            assertNotNull(row.backup(), "the whole read has the backup each row's run took");
            assertNull(read.backup());
            assertNull(read.installedBy());
            assertNull(read.installedOn());
            assertFalse(read.adopted());
        }
    }
}
