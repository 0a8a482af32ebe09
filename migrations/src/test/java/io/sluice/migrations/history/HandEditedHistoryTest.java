package io.sluice.migrations.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.Sluice;
import io.sluice.migrations.connect.GatedDatabase;
import io.sluice.migrations.error.Problem;
import io.sluice.migrations.error.SluiceException;
import io.sluice.migrations.ops.Changes;
import io.sluice.migrations.ops.Operator;
import io.sluice.migrations.run.GateReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A history someone edited by hand, and another application's folder, on real SQLite files: the
 * gate refuses before anything is backed up or applied, and repair fixes what it can.
 */
class HandEditedHistoryTest {
    private static final String HISTORY = "SELECT version || ':' || success || ':' || script FROM sluice_schema_history "
        + "ORDER BY installed_rank";

    @TempDir
    Path dir;
    private Path sql;
    private String url;

    @BeforeEach
    void migrated() throws Exception {
        sql = Files.createDirectories(dir.resolve("sql"));
        write(sql, "V1__accounts.sql", "CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner TEXT NOT NULL);\n"
            + "INSERT INTO accounts (owner) VALUES ('ada'), ('grace');\n");
        write(sql, "V2__seed.sql", "INSERT INTO accounts (owner) VALUES ('seed');\n");
        write(sql, "V3__email.sql", "ALTER TABLE accounts ADD COLUMN email TEXT;\n");
        url = "jdbc:sqlite:" + dir.resolve("app.db");
        assertEquals(3, migrate(sql).applied().size());
    }

    private static void write(Path folder, String name, String text) throws IOException {
        Files.writeString(folder.resolve(name), text);
    }

    private GateReport migrate(Path folder, String... more) throws SQLException {
        return Sluice.migrate(url, settings(folder, more));
    }

    private static Properties settings(Path folder, String... more) {
        Properties settings = new Properties();
        settings.setProperty("sluice.locations", "filesystem:" + folder);
        for (int i = 0; i < more.length; i += 2) {
            settings.setProperty(more[i], more[i + 1]);
        }
        return settings;
    }

    private SluiceException refused(Path folder, String... more) {
        return assertThrows(SluiceException.class, () -> migrate(folder, more));
    }

    private void execute(String statementText) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute(statementText);
        }
    }

    private List<String> query(String sqlText) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sqlText)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    private long backups() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("backups"))) {
            return files.count();
        }
    }

    private Changes.Repaired repair(Path folder) throws SQLException {
        return new Changes(new Operator(GatedDatabase.resolve(url, settings(folder)))).repair();
    }

    // --- out of order ----------------------------------------------------------------------------

    @Test
    void aDeletedRowOfV2WhileV3IsAppliedIsRefusedNotAppliedAgain() throws Exception {
        execute("DELETE FROM sluice_schema_history WHERE version = '2'");
        long backupsBefore = backups();

        SluiceException e = refused(sql);

        assertEquals(Problem.OUT_OF_ORDER, e.problem());
        assertEquals("08004", e.getSQLState());
        assertTrue(e.getMessage().contains("V2__seed.sql (version 2) is not applied but version 3 is"), e.getMessage());
        assertTrue(e.getMessage().contains("sluice.outOfOrder=true"), e.getMessage());
        assertEquals(List.of("1"), query("SELECT COUNT(*) FROM accounts WHERE owner = 'seed'"));
        assertEquals(List.of("1:1:V1__accounts.sql", "3:1:V3__email.sql"), query(HISTORY));
        assertEquals(backupsBefore, backups(), "a refused start takes no backup");
    }

    @Test
    void aRowOfV2MarkedFailedWhileV3IsAppliedIsRefusedAndSaysSo() throws Exception {
        execute("UPDATE sluice_schema_history SET success = 0 WHERE version = '2'");

        SluiceException e = refused(sql);

        assertEquals(Problem.OUT_OF_ORDER, e.problem());
        assertTrue(e.getMessage().contains("marked failed"), e.getMessage());
        assertEquals(List.of("1"), query("SELECT COUNT(*) FROM accounts WHERE owner = 'seed'"));
    }

    @Test
    void aNewFileBelowTheCurrentVersionRunsOnlyWithOutOfOrder() throws Exception {
        write(sql, "V2_5__notes.sql", "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT);\n");

        assertEquals(Problem.OUT_OF_ORDER, refused(sql).problem());
        assertEquals(List.of("0"), query("SELECT COUNT(*) FROM sqlite_master WHERE name = 'notes'"));

        GateReport report = migrate(sql, "sluice.outOfOrder", "true");

        assertEquals(List.of("V2_5__notes.sql"), report.applied());
        assertEquals(List.of("1"), query("SELECT COUNT(*) FROM sqlite_master WHERE name = 'notes'"));
        assertEquals("2.5:1:V2_5__notes.sql", query(HISTORY).get(3));
        assertTrue(migrate(sql).applied().isEmpty(), "once applied it is in the history like any other");
    }

    // --- checksums and versions edited by hand -----------------------------------------------------

    @Test
    void aNullChecksumStopsTheGateAndRepairFillsItFromTheFile() throws Exception {
        String checksum = query("SELECT checksum FROM sluice_schema_history WHERE version = '1'").get(0);
        execute("UPDATE sluice_schema_history SET checksum = NULL WHERE version = '1'");

        SluiceException e = refused(sql);

        assertEquals(Problem.CHECKSUM_MISMATCH, e.problem());
        assertTrue(e.getMessage().contains("V1__accounts.sql has no checksum"), e.getMessage());
        assertTrue(e.getMessage().contains("repair"), e.getMessage());

        Changes.Repaired repaired = repair(sql);

        assertEquals(List.of("V1__accounts.sql"), repaired.filledChecksums);
        assertEquals(List.of(checksum), query("SELECT checksum FROM sluice_schema_history WHERE version = '1'"));
        assertTrue(migrate(sql).applied().isEmpty());
    }

    @Test
    void aVersionThatIsNotAVersionIsRefusedByTheGateAndRepairedFromTheScriptName() throws Exception {
        execute("UPDATE sluice_schema_history SET version = 'two' WHERE version = '2'");

        SluiceException e = refused(sql);

        assertEquals(Problem.INVALID_HISTORY, e.problem());
        assertEquals("08004", e.getSQLState());
        assertTrue(e.getMessage().contains("History row 2 (V2__seed.sql) has the version 'two'"), e.getMessage());

        Changes.Repaired repaired = repair(sql);

        assertEquals(List.of("row 2 (V2__seed.sql, version 'two') is now version 2"), repaired.fixedVersions);
        assertEquals(List.of(), repaired.leftAlone);
        assertEquals(List.of("1:1:V1__accounts.sql", "2:1:V2__seed.sql", "3:1:V3__email.sql"), query(HISTORY));
        assertTrue(migrate(sql).applied().isEmpty());
        assertEquals(List.of("1"), query("SELECT COUNT(*) FROM accounts WHERE owner = 'seed'"));
    }

    @Test
    void repairRemovesAFailedUnreadableRowAndLeavesWhatItCannotTellWithTheReason() throws Exception {
        execute("INSERT INTO sluice_schema_history (installed_rank, version, description, type, script, checksum, "
            + "installed_by, execution_time_ms, success) VALUES (4, 'x', 'failed', 'SQL', 'V4__lost.sql', NULL, 'me', 0, 0), "
            + "(5, 'garbage', 'by hand', 'SQL', 'notes.sql', NULL, 'me', 0, 1)");

        Changes.Repaired repaired = repair(sql);

        assertEquals(1, repaired.removedFailedRows);
        assertEquals(1, repaired.leftAlone.size());
        assertTrue(repaired.leftAlone.get(0).contains("row 5 (notes.sql, version 'garbage')"), repaired.leftAlone.get(0));
        assertTrue(repaired.leftAlone.get(0).contains("by hand"), repaired.leftAlone.get(0));
        assertEquals(List.of("1", "2", "3", "garbage"), query("SELECT version FROM sluice_schema_history ORDER BY installed_rank"));
        assertEquals(Problem.INVALID_HISTORY, refused(sql).problem(), "the gate still refuses what repair left");
    }

    // --- another application's folder ------------------------------------------------------------

    @Test
    void anotherApplicationsFolderIsRefusedWithoutAdvisingRepairAndRepairRefusesItToo() throws Exception {
        Path other = Files.createDirectories(dir.resolve("other-app"));
        write(other, "V1__orders.sql", "CREATE TABLE orders (id INTEGER PRIMARY KEY);\n");
        write(other, "V2__order_lines.sql", "CREATE TABLE order_lines (id INTEGER PRIMARY KEY);\n");
        String history = String.join(",", query(HISTORY));

        SluiceException e = refused(other);

        assertEquals(Problem.INVALID_HISTORY, e.problem());
        assertTrue(e.getMessage().contains("Version 1 was applied as V1__accounts.sql"), e.getMessage());
        assertTrue(e.getMessage().contains("V1__orders.sql"), e.getMessage());
        assertFalse(e.getMessage().contains("repair"), e.getMessage());

        SluiceException repairRefused = assertThrows(SluiceException.class, () -> repair(other));

        assertEquals(Problem.INVALID_HISTORY, repairRefused.problem());
        assertTrue(repairRefused.getMessage().contains("repair changed nothing"), repairRefused.getMessage());
        assertEquals(history, String.join(",", query(HISTORY)));
        assertEquals(List.of("0"), query("SELECT COUNT(*) FROM sqlite_master WHERE name IN ('orders', 'order_lines')"));
    }
}
