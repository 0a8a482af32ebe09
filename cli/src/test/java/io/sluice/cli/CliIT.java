package io.sluice.cli;

import io.sluice.testing.Json;
import io.sluice.testing.PostgresDatabase;
import io.sluice.testing.PostgresExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real {@code -cli} jar as a subprocess against real SQLite files and a real PostgreSQL. */
@ExtendWith(PostgresExtension.class)
class CliIT {
    private static final Path JAR = Paths.get(System.getProperty("sluice.cli.jar", "target/cli.jar"));

    @TempDir
    Path dir;
    private Path sql;
    private String url;

    record Run(int exit, String out, String err) {
        Map<String, Object> json() {
            return Json.object(out);
        }
    }

    @BeforeEach
    void database() throws Exception {
        sql = Files.createDirectories(dir.resolve("sql"));
        write("V1__accounts.sql", "CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner TEXT NOT NULL);\n"
                + "INSERT INTO accounts (id, owner) VALUES (1, 'ada'), (2, 'grace');");
        write("U1__accounts.sql", "-- sluice:allow-destructive\nDROP TABLE accounts;");
        write("V2__email.sql", "ALTER TABLE accounts ADD COLUMN email TEXT;");
        write("U2__email.sql", "-- sluice:allow-destructive\nALTER TABLE accounts DROP COLUMN email;");
        url = "jdbc:sqlite:" + dir.resolve("app.db");
        createEmpty(url);
    }

    /** An empty database, as a new app leaves it: the reading commands refuse a file that is not there. */
    private static void createEmpty(String databaseUrl) throws Exception {
        DriverManager.getConnection(databaseUrl).close();
    }

    private void write(String name, String text) throws Exception {
        Files.writeString(sql.resolve(name), text, StandardCharsets.UTF_8);
    }

    private Run sluice(String... args) throws Exception {
        return run(dir, args);
    }

    /** The tool in a JVM of its own, working in {@code dir}, where its output is kept. */
    static Run run(Path dir, String... args) throws Exception {
        assertTrue(Files.exists(JAR), "build the jar first (mvn package): " + JAR);
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "the tool hangs: " + command);
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private String[] on(String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "--url", url, "--locations", "filesystem:" + sql));
        args.addAll(List.of(more));
        return args.toArray(new String[0]);
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

    @Test
    void statusCheckExitsThreeWhilePendingAndZeroAfterMigrate() throws Exception {
        Run pending = sluice(on("status", "--check", "--json"));
        assertEquals(3, pending.exit(), pending.err());
        Map<String, Object> status = pending.json();
        assertEquals("app", status.get("database"));
        assertEquals(null, status.get("current"));
        assertEquals(List.of("1", "2"), status.get("pending"));
        assertEquals(List.of("0"), query("SELECT COUNT(*) FROM sqlite_master WHERE name = 'sluice_schema_history'"),
                "status created the history table");

        Run migrate = sluice(on("migrate", "--json"));
        assertEquals(0, migrate.exit(), migrate.err());
        assertEquals(List.of("V1__accounts.sql", "V2__email.sql"), migrate.json().get("applied"));

        Run done = sluice(on("status", "--check", "--json"));
        assertEquals(0, done.exit(), done.err());
        assertEquals("2", done.json().get("current"));
        assertTrue(String.valueOf(done.json().get("lastBackup")).contains("app-"), done.out());
        Run text = sluice(on("status"));
        assertTrue(text.out().matches("(?s)database\\s+current\\s+pending\\s+last backup\\napp\\s+2\\s+none\\s+.*"), text.out());
    }

    @Test
    void planShowsActionsPerStatementAndChangesNothing() throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner TEXT NOT NULL)");
        }
        Run plan = sluice(on("plan", "--json"));
        assertEquals(0, plan.exit(), plan.err());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> migrations = (List<Map<String, Object>>) plan.json().get("migrations");
        assertEquals("1", migrations.get(0).get("version"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> statements = (List<Map<String, Object>>) migrations.get(0).get("statements");
        assertEquals("skip", statements.get(0).get("action"));
        assertEquals("accounts", statements.get(0).get("object"));
        assertEquals("table accounts exists with the same columns", statements.get(0).get("reason"));
        assertEquals("live", statements.get(0).get("decided"), "a skip is confirmed when the statement runs");
        assertEquals(1L, statements.get(0).get("line"));
        assertEquals("apply", statements.get(1).get("action"));
        assertEquals("accounts.email", ((List<Map<String, Object>>) migrations.get(1).get("statements")).get(0).get("object"));
        assertEquals(List.of("0"), query("SELECT COUNT(*) FROM sqlite_master WHERE name = 'sluice_schema_history'"));

        write("V3__conflict.sql", "CREATE TABLE accounts (id TEXT);");
        assertEquals(1, sluice(on("plan")).exit());
    }

    @Test
    void validateExitsOneForAnUnapprovedDestructiveStatement() throws Exception {
        assertEquals(0, sluice(on("validate")).exit());
        write("V3__purge.sql", "DELETE FROM accounts;");
        Run validate = sluice(on("validate", "--json"));
        assertEquals(1, validate.exit(), validate.out() + validate.err());
        @SuppressWarnings("unchecked")
        Map<String, Object> finding = ((List<Map<String, Object>>) validate.json().get("findings")).get(0);
        assertEquals("V3__purge.sql", finding.get("script"));
        assertEquals("error", finding.get("severity"));
        assertEquals("destructive", finding.get("rule"));
    }

    @Test
    void restoreBringsBackTheOldSchemaAndData() throws Exception {
        write("V2__email.sql", "ALTER TABLE accounts ADD COLUMN email TEXT;\nUPDATE accounts SET owner = 'changed' WHERE id = 1;");
        Files.delete(sql.resolve("V2__email.sql"));
        assertEquals(0, sluice(on("migrate")).exit());
        Run backup = sluice(on("backup", "--json"));
        assertEquals(0, backup.exit(), backup.err());
        String manual = (String) backup.json().get("backup");
        assertTrue(manual.endsWith("-manual-v1.db"), manual);
        write("V2__email.sql", "ALTER TABLE accounts ADD COLUMN email TEXT;\nUPDATE accounts SET owner = 'changed' WHERE id = 1;");
        assertEquals(0, sluice(on("migrate")).exit());

        Run refused = sluice(on("restore", manual));
        assertEquals(2, refused.exit(), "restore without --yes and without a terminal");

        Run restore = sluice(on("restore", manual, "--yes", "--json"));
        assertEquals(0, restore.exit(), restore.err());
        assertTrue(((String) restore.json().get("backup")).contains("-pre-restore-v2"), restore.out());
        assertEquals(List.of("ada", "grace"), query("SELECT owner FROM accounts ORDER BY id"));
        assertEquals(List.of("0"), query("SELECT COUNT(*) FROM pragma_table_info('accounts') WHERE name = 'email'"));
        Run backups = sluice(on("backups", "--json"));
        assertEquals(4, ((List<?>) backups.json().get("backups")).size(), "v0-to-v1, manual, v1-to-v2, pre-restore: " + backups.out());
    }

    /** Inverts bytes in the middle of a file, as a failing disk would. */
    private static void flipBytes(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        for (int i = bytes.length / 2; i < bytes.length / 2 + 16; i++) {
            bytes[i] = (byte) ~bytes[i];
        }
        Files.write(file, bytes);
    }

    private String content() throws Exception {
        return String.join("|", query("SELECT id || ':' || owner || ':' || coalesce(email, '') FROM accounts ORDER BY id"));
    }

    @Test
    void restoreRefusesADamagedARandomAndAForeignFileWithExitOneAndChangesNothing() throws Exception {
        assertEquals(0, sluice(on("migrate")).exit());
        String damaged = (String) sluice(on("backup", "--json")).json().get("backup");
        flipBytes(Paths.get(damaged));
        Path random = dir.resolve("random.db");
        Files.write(random, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20});
        Path otherFolder = Files.createDirectories(dir.resolve("other"));
        String otherUrl = "jdbc:sqlite:" + otherFolder.resolve("app.db");
        String backupDir = "--config=" + Files.writeString(dir.resolve("shared.properties"), "sluice.backupDir=" + dir.resolve("backups"));
        assertEquals(0, sluice("migrate", "--url", otherUrl, "--locations", "filesystem:" + sql, backupDir).exit());
        try (Connection c = DriverManager.getConnection(otherUrl); Statement s = c.createStatement()) {
            s.execute("UPDATE accounts SET owner = 'other' WHERE id = 1");
        }
        String foreign = (String) sluice("backup", "--url", otherUrl, backupDir, "--json").json().get("backup");
        String before = content();
        int backups = ((List<?>) sluice(on("backups", "--json")).json().get("backups")).size();

        for (String file : List.of(damaged, random.toString(), foreign)) {
            Run refused = sluice(on("restore", file, "--yes", backupDir));
            assertEquals(1, refused.exit(), file + ": " + refused.err());
            assertEquals(1, refused.err().strip().lines().count(), refused.err());
            assertTrue(refused.err().startsWith("sluice restore: " + file + " "), refused.err());
            assertEquals(before, content(), file + " changed the database");
        }
        assertEquals(backups, ((List<?>) sluice(on("backups", "--json")).json().get("backups")).size(),
                "a refused restore left a backup behind");
        assertTrue(sluice(on("restore", foreign, "--yes", backupDir)).err().contains("--force-other-database"));

        Run forced = sluice(on("restore", foreign, "--yes", "--force-other-database", backupDir));
        assertEquals(0, forced.exit(), forced.err());
        assertEquals(List.of("other", "grace"), query("SELECT owner FROM accounts ORDER BY id"));
    }

    @Test
    void restoreOverADamagedDatabaseSucceedsAndKeepsWhatWasThere() throws Exception {
        Files.move(sql.resolve("V2__email.sql"), dir.resolve("V2__email.sql"));
        assertEquals(0, sluice(on("migrate")).exit());
        String backup = (String) sluice(on("backup", "--json")).json().get("backup");
        List<String> backedUp = query("SELECT id || ':' || owner FROM accounts ORDER BY id");
        Files.move(dir.resolve("V2__email.sql"), sql.resolve("V2__email.sql"));
        assertEquals(0, sluice(on("migrate")).exit());
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(dir.resolve("app.db").toFile(), "rw")) {
            file.seek(4096); // the first table's root page
            file.write(new byte[64]);
        }
        byte[] damaged = Files.readAllBytes(dir.resolve("app.db"));

        Run restore = sluice(on("restore", backup, "--yes", "--json"));

        assertEquals(0, restore.exit(), restore.err());
        Path before = Paths.get((String) restore.json().get("backup"));
        assertTrue(java.util.Arrays.equals(damaged, Files.readAllBytes(before)), "the pre-restore copy is not what was there");
        assertEquals(backedUp, query("SELECT id || ':' || owner FROM accounts ORDER BY id"));
        assertEquals(List.of("0"), query("SELECT COUNT(*) FROM pragma_table_info('accounts') WHERE name = 'email'"));
        assertEquals(List.of("ok"), query("PRAGMA integrity_check"));
    }

    @Test
    void undoGoesDownToAVersionAndThatVersionIsPendingAgain() throws Exception {
        assertEquals(0, sluice(on("migrate")).exit());
        Run undo = sluice(on("undo", "--to", "1", "--yes", "--json"));
        assertEquals(0, undo.exit(), undo.err());
        assertEquals(List.of("U2__email.sql"), undo.json().get("undone"));
        assertEquals(List.of("0"), query("SELECT COUNT(*) FROM pragma_table_info('accounts') WHERE name = 'email'"));
        assertEquals(List.of("2:UNDO"), query("SELECT version || ':' || type FROM sluice_schema_history WHERE type = 'UNDO'"));
        Run status = sluice(on("status", "--json"));
        assertEquals(List.of("2"), status.json().get("pending"));
        Run history = sluice(on("history", "--json"));
        assertEquals(3, ((List<?>) history.json().get("history")).size());
    }

    @Test
    void driftIsFoundAndNotFound() throws Exception {
        assertEquals(0, sluice(on("migrate")).exit());
        Run clean = sluice(on("drift", "--json"));
        assertEquals(0, clean.exit(), clean.out() + clean.err());
        assertEquals(List.of(), clean.json().get("differences"));

        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE hand_made (id INTEGER)");
            s.execute("CREATE INDEX accounts_owner ON accounts (owner)");
        }
        Run drift = sluice(on("drift", "--json"));
        assertEquals(1, drift.exit(), drift.out());
        String differences = drift.json().get("differences").toString();
        assertTrue(differences.contains("table hand_made") && differences.contains("index accounts_owner"), differences);
    }

    @Test
    void allInstancesReportEachInstanceInItsState() throws Exception {
        Path config = dir.resolve("sluice.properties");
        Files.writeString(config, String.join("\n",
                "sluice.locations=filesystem:" + sql,
                "sluice.instance.fresh.url=jdbc:sqlite:" + dir.resolve("fresh.db"),
                "sluice.instance.current.url=jdbc:sqlite:" + dir.resolve("current.db"),
                "sluice.instance.behind.url=jdbc:sqlite:" + dir.resolve("behind.db"),
                "sluice.instance.behind.target=1"));
        createEmpty("jdbc:sqlite:" + dir.resolve("fresh.db"));
        assertEquals(0, sluice("migrate", "--instance", "current", "--config", config.toString()).exit());
        assertEquals(0, sluice("migrate", "--instance", "behind", "--config", config.toString()).exit());

        Run status = sluice("status", "--all-instances", "--check", "--config", config.toString(), "--json");

        assertEquals(3, status.exit(), status.err());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> instances = (List<Map<String, Object>>) status.json().get("instances");
        assertEquals(List.of("behind", "current", "fresh"), instances.stream().map(i -> i.get("name")).toList());
        assertEquals(List.of("1", "2", "null"), instances.stream().map(i -> String.valueOf(i.get("current"))).toList());
        assertEquals(List.of(), instances.get(0).get("pending"), "the behind instance's target is 1");
        assertEquals(List.of("1", "2"), instances.get(2).get("pending"));
    }

    @Test
    void usageAndConfigurationErrorsExitTwoWithOneLine() throws Exception {
        Run noTarget = sluice("status");
        assertEquals(2, noTarget.exit());
        assertEquals(1, noTarget.err().strip().lines().count(), noTarget.err());
        assertEquals(2, sluice("frobnicate").exit());
        Run badSetting = sluice("status", "--url", url + "?sluice.lockTimout=PT1S");
        assertEquals(2, badSetting.exit());
        assertTrue(badSetting.err().contains("did you mean sluice.lockTimeout"), badSetting.err());
        assertFalse(badSetting.err().contains("\tat "), "a stack trace without --verbose");
    }

    @Test
    void baselineRepairNewSchemaAndVerify() throws Exception {
        Run baseline = sluice(on("baseline", "--version", "1"));
        assertEquals(0, baseline.exit(), baseline.err());
        assertEquals(List.of("1:BASELINE"), query("SELECT version || ':' || type FROM sluice_schema_history"));
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner TEXT NOT NULL)");
        }
        assertEquals(0, sluice(on("migrate")).exit());
        write("V2__email.sql", "ALTER TABLE accounts ADD COLUMN email TEXT; -- edited");
        assertEquals(1, sluice(on("status")).exit());
        Run repair = sluice(on("repair", "--yes", "--json"));
        assertEquals(0, repair.exit(), repair.err());
        assertEquals(List.of("V2__email.sql"), repair.json().get("acceptedChecksums"));
        assertEquals(0, sluice(on("status", "--check")).exit());

        Run created = sluice(on("new", "add", "phone", "numbers"));
        assertEquals(0, created.exit(), created.err());
        assertTrue(Files.exists(sql.resolve("V3__add_phone_numbers.sql")), created.out());

        Run schema = sluice(on("schema", "--format", "mermaid"));
        assertTrue(schema.out().startsWith("erDiagram") && schema.out().contains("accounts {"), schema.out());
        Run verify = sluice(on("verify", "--json"));
        assertEquals(0, verify.exit(), verify.err());
        assertEquals(Boolean.TRUE, verify.json().get("ok"));
    }

    @Test
    void postgresInstanceWorksAndNoPasswordIsPrinted(PostgresDatabase pg) throws Exception {
        Path config = dir.resolve("pg.properties");
        Files.writeString(config, String.join("\n",
                "sluice.instance.pg.url=" + pg.jdbcUrl(),
                "sluice.instance.pg.user=" + pg.user(),
                "sluice.instance.pg.password=" + pg.password(),
                "sluice.instance.pg.locations=filesystem:" + sql,
                "sluice.instance.pg.backupDir=" + dir.resolve("pg-backups")));
        List<Run> runs = new ArrayList<>();
        for (String command : List.of("status", "migrate", "history", "drift", "verify")) {
            Run run = sluice(command, "--instance", "pg", "--config", config.toString(), "--json");
            assertEquals(0, run.exit(), command + ": " + run.out() + run.err());
            runs.add(run);
        }
        Run failing = sluice("status", "--url", pg.jdbcUrl() + "?user=" + pg.user() + "&password=wrong-" + pg.password());
        runs.add(failing);
        assertEquals(1, failing.exit(), failing.err());
        for (Run run : runs) {
            assertFalse((run.out() + run.err()).contains(pg.password()), run.out() + run.err());
        }
    }
}
