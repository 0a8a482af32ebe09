package io.sluice.cli;

import io.sluice.testing.PostgresDatabase;
import io.sluice.testing.PostgresExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code -cli} jar on histories edited by hand and on another application's folder: status,
 * validate and history show the rows, repair fixes what it can and refuses what it must.
 */
@ExtendWith(PostgresExtension.class)
class HistoryRepairIT {
    @TempDir
    Path dir;
    private Path sql;
    private String url;

    @BeforeEach
    void migrated() throws Exception {
        sql = Files.createDirectories(dir.resolve("sql"));
        Files.writeString(sql.resolve("V1__accounts.sql"), "CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner TEXT);\n"
                + "INSERT INTO accounts (id, owner) VALUES (1, 'ada');\n");
        Files.writeString(sql.resolve("V2__seed.sql"), "INSERT INTO accounts (id, owner) VALUES (2, 'seed');\n");
        Files.writeString(sql.resolve("V3__email.sql"), "ALTER TABLE accounts ADD COLUMN email TEXT;\n");
        url = "jdbc:sqlite:" + dir.resolve("app.db");
        CliIT.Run migrate = sluice("migrate", sql);
        assertEquals(0, migrate.exit(), migrate.err());
    }

    private CliIT.Run sluice(String command, Path folder, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of(command, "--url", url, "--locations", "filesystem:" + folder));
        args.addAll(List.of(more));
        return CliIT.run(dir, args.toArray(new String[0]));
    }

    private void execute(String statementText) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(statementText);
        }
    }

    private List<String> query(String sqlText) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sqlText)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(CliIT.Run run, String field) {
        return (List<Map<String, Object>>) run.json().get(field);
    }

    @Test
    void aDeletedRowIsShownByStatusAndValidateAsOutOfOrder() throws Exception {
        execute("DELETE FROM sluice_schema_history WHERE version = '2'");

        CliIT.Run status = sluice("status", sql, "--json");
        assertEquals(1, status.exit(), "the gate would refuse: " + status.err());
        assertEquals(List.of("2"), status.json().get("pending"));
        Map<String, Object> problem = list(status, "problems").get(0);
        assertEquals("out-of-order", problem.get("rule"));
        assertEquals("error", problem.get("severity"));
        assertEquals("2", problem.get("version"));
        assertEquals("V2__seed.sql", problem.get("script"));
        CliIT.Run statusText = sluice("status", sql);
        assertTrue(statusText.out().contains("error [out-of-order] "), statusText.out());

        CliIT.Run validate = sluice("validate", sql, "--json");
        assertEquals(1, validate.exit(), validate.out() + validate.err());
        Map<String, Object> finding = list(validate, "findings").get(0);
        assertEquals("out-of-order", finding.get("rule"));
        assertTrue(String.valueOf(finding.get("message")).contains("sluice.outOfOrder=true"), validate.out());

        CliIT.Run migrate = sluice("migrate", sql);
        assertEquals(1, migrate.exit());
        assertTrue(migrate.err().contains("would apply it out of order"), migrate.err());
        assertEquals(List.of("1"), query("SELECT COUNT(*) FROM accounts WHERE owner = 'seed'"));
    }

    @Test
    void aNullChecksumAndAnUnreadableVersionAreShownAndRepairFixesBoth() throws Exception {
        execute("UPDATE sluice_schema_history SET checksum = NULL WHERE version = '1'");
        execute("UPDATE sluice_schema_history SET version = 'two' WHERE version = '2'");

        CliIT.Run history = sluice("history", sql, "--json");
        assertEquals(0, history.exit(), history.err());
        assertEquals("two", list(history, "history").get(1).get("version"));
        CliIT.Run historyText = sluice("history", sql);
        assertTrue(historyText.out().contains("'two' (not a version)"), historyText.out());

        CliIT.Run validate = sluice("validate", sql, "--json");
        assertEquals(1, validate.exit(), validate.err());
        List<Object> rules = list(validate, "findings").stream().map(f -> f.get("rule")).toList();
        assertEquals(List.of("unreadable-version", "no-checksum"), rules);
        CliIT.Run status = sluice("status", sql, "--json");
        assertEquals(1, status.exit(), status.err());
        assertEquals(2, list(status, "problems").size());

        CliIT.Run repair = sluice("repair", sql, "--yes", "--json");
        assertEquals(0, repair.exit(), repair.out() + repair.err());
        assertEquals(List.of("V1__accounts.sql"), repair.json().get("filledChecksums"));
        assertEquals(List.of("row 2 (V2__seed.sql, version 'two') is now version 2"), repair.json().get("fixedVersions"));
        assertEquals(List.of(), repair.json().get("leftAlone"));
        assertEquals(List.of("1", "2", "3"), query("SELECT version FROM sluice_schema_history ORDER BY installed_rank"));
        assertEquals(List.of("0"), query("SELECT COUNT(*) FROM sluice_schema_history WHERE checksum IS NULL"));

        CliIT.Run valid = sluice("validate", sql);
        assertEquals(0, valid.exit(), valid.out() + valid.err());
        assertEquals("valid: no findings\n", valid.out());
    }

    @Test
    void repairSaysWhatItCouldNotFixAndExitsOne() throws Exception {
        execute("UPDATE sluice_schema_history SET version = 'by hand', script = 'hotfix.sql' WHERE version = '2'");

        CliIT.Run repair = sluice("repair", sql, "--yes");

        assertEquals(1, repair.exit(), repair.out() + repair.err());
        assertTrue(repair.out().contains("left alone row 2 (hotfix.sql, version 'by hand'): its script's name carries no "
                + "version; correct or delete the row by hand"), repair.out());
        assertEquals(List.of("by hand"), query("SELECT version FROM sluice_schema_history WHERE installed_rank = 2"));
    }

    @Test
    void anotherApplicationsFolderIsNeverAcceptedByRepair() throws Exception {
        Path other = Files.createDirectories(dir.resolve("other"));
        Files.writeString(other.resolve("V1__orders.sql"), "CREATE TABLE orders (id INTEGER PRIMARY KEY);\n");
        String before = String.join(",", query("SELECT checksum || script FROM sluice_schema_history ORDER BY installed_rank"));

        CliIT.Run validate = sluice("validate", other, "--json");
        assertEquals(1, validate.exit(), validate.err());
        Map<String, Object> finding = list(validate, "findings").get(0);
        assertEquals("other-script", finding.get("rule"));
        assertFalse(String.valueOf(finding.get("message")).contains("repair"), validate.out());

        CliIT.Run repair = sluice("repair", other, "--yes");
        assertEquals(1, repair.exit(), repair.out());
        assertTrue(repair.err().contains("applied as V1__accounts.sql") && repair.err().contains("repair changed nothing"),
                repair.err());
        assertEquals(before, String.join(",", query("SELECT checksum || script FROM sluice_schema_history ORDER BY installed_rank")));
        assertEquals(List.of("0"), query("SELECT COUNT(*) FROM sqlite_master WHERE name = 'orders'"));
    }

    @Test
    void configurationThatCannotBeGatedExitsTwo() throws Exception {
        CliIT.Run memory = CliIT.run(dir, "status", "--url", "jdbc:sqlite::memory:", "--locations", "filesystem:" + sql);
        assertEquals(2, memory.exit(), memory.err());
        assertTrue(memory.err().contains("is an in-memory database"), memory.err());

        CliIT.Run emptyLocation = CliIT.run(dir, "status", "--url", url, "--locations", "filesystem:");
        assertEquals(2, emptyLocation.exit(), emptyLocation.err());
        assertTrue(emptyLocation.err().contains("filesystem: needs a folder"), emptyLocation.err());

        execute("CREATE TABLE users (id INTEGER PRIMARY KEY)");
        CliIT.Run notHistory = sluice("status", sql, "--config", writeConfig("sluice.table=users"));
        assertEquals(2, notHistory.exit(), notHistory.err());
        assertTrue(notHistory.err().contains("sluice.table=users names an existing table"), notHistory.err());
    }

    private String writeConfig(String line) throws Exception {
        Path config = dir.resolve("sluice.properties");
        Files.writeString(config, line + "\n");
        return config.toString();
    }

    @Test
    void aDeletedRowOnPostgresIsShownAndRefused(PostgresDatabase pg) throws Exception {
        Path config = dir.resolve("pg.properties");
        Files.writeString(config, String.join("\n", "sluice.instance.pg.url=" + pg.jdbcUrl() + "?currentSchema=app",
                "sluice.instance.pg.user=" + pg.user(), "sluice.instance.pg.password=" + pg.password(),
                "sluice.instance.pg.locations=filesystem:" + sql, "sluice.instance.pg.backupDir=" + dir.resolve("pg-backups")));
        try (Connection c = pg.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA app");
        }
        CliIT.Run migrate = CliIT.run(dir, "migrate", "--instance", "pg", "--config", config.toString());
        assertEquals(0, migrate.exit(), migrate.err());
        try (Connection c = pg.connect(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM app.sluice_schema_history WHERE version = '2'");
        }

        CliIT.Run status = CliIT.run(dir, "status", "--instance", "pg", "--config", config.toString(), "--json");
        assertEquals(1, status.exit(), status.err());
        assertEquals(List.of("2"), status.json().get("pending"));
        assertEquals("out-of-order", list(status, "problems").get(0).get("rule"));
        CliIT.Run again = CliIT.run(dir, "migrate", "--instance", "pg", "--config", config.toString());
        assertEquals(1, again.exit(), again.out());
        assertTrue(again.err().contains("V2__seed.sql (version 2) is not applied but version 3 is"), again.err());
        assertFalse((status.out() + status.err() + again.err()).contains(pg.password()));
    }
}
