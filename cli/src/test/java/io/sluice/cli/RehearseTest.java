package io.sluice.cli;

import io.sluice.testing.Json;
import io.sluice.testing.SqliteDigest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code rehearse} on real SQLite files: the gate runs on a copy, the database is only read, the copy goes. */
class RehearseTest {
    @TempDir
    Path dir;
    private Path sql;
    private String url;

    record Run(int exit, String out, String err) {
        Map<String, Object> json() {
            return Json.object(out);
        }
    }

    /** The tool's own command line, as {@code main} runs it, in this JVM. */
    static Run sluice(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = SluiceCli.commandLine(false);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @BeforeEach
    void databaseAtVersionOne() throws Exception {
        sql = Files.createDirectories(dir.resolve("sql"));
        write("V1__accounts.sql", "CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner TEXT NOT NULL);\n"
                + "INSERT INTO accounts (id, owner) VALUES (1, 'ada'), (2, 'grace');");
        url = "jdbc:sqlite:" + dir.resolve("app.db");
        Run migrate = sluice(on("migrate"));
        assertEquals(0, migrate.exit(), migrate.err());
    }

    private void write(String name, String text) throws Exception {
        Files.writeString(sql.resolve(name), text, StandardCharsets.UTF_8);
    }

    private String[] on(String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "--url", url, "--locations", "filesystem:" + sql));
        args.addAll(List.of(more));
        return args.toArray(new String[0]);
    }

    /** Every row of every table and the whole catalog, and the files beside the database (backups included). */
    private List<String> state() throws Exception {
        List<String> state = new ArrayList<>();
        state.add(SqliteDigest.of(url, SqliteDigest.tables(url)));
        state.addAll(SqliteDigest.strings(url, "SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_master ORDER BY name"));
        try (Stream<Path> files = Files.walk(dir)) {
            state.addAll(files.filter(file -> !file.startsWith(sql)).map(file -> dir.relativize(file) + " "
                    + file.toFile().length() + " " + file.toFile().lastModified()).sorted().collect(Collectors.toList()));
        }
        return state;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @Test
    void rehearseAppliesThePendingMigrationsToACopyAndLeavesTheDatabaseUnchanged() throws Exception {
        write("V2__email.sql", "ALTER TABLE accounts ADD COLUMN email TEXT;\n"
                + "UPDATE accounts SET email = owner || '@example.org' WHERE id > 0;");
        write("V3__loans.sql", "CREATE TABLE loans (id INTEGER PRIMARY KEY, account INTEGER NOT NULL REFERENCES accounts (id));\n"
                + "INSERT INTO loans (account) VALUES (1), (1), (2);\n"
                + "CREATE INDEX loans_account ON loans (account);");
        List<String> before = state();

        Run run = sluice(on("rehearse", "--json"));

        assertEquals(0, run.exit(), run.out() + run.err());
        assertEquals(before, state(), "the database, its catalog or its folder changed");
        Map<String, Object> report = run.json();
        assertEquals(true, report.get("productionOnlyRead"));
        Map<String, Object> copy = map(report.get("copy"));
        assertEquals(true, copy.get("dropped"));
        Path copied = Paths.get((String) copy.get("location"));
        assertFalse(Files.exists(copied), "the copy is still there: " + copied);
        assertFalse(Files.exists(copied.getParent()), "the rehearsal's temporary folder is still there: " + copied.getParent());
        assertEquals("1", report.get("from"));
        assertEquals("3", report.get("to"));
        assertEquals("success", map(map(report.get("steps")).get("backup")).get("outcome"), "the gate's backup step runs on the copy too");

        List<Map<String, Object>> migrations = list(report.get("migrations"));
        assertEquals(List.of("V2__email.sql", "V3__loans.sql"), migrations.stream().map(m -> m.get("script")).collect(Collectors.toList()));
        for (Map<String, Object> migration : migrations) {
            assertEquals("applied", migration.get("outcome"));
            assertTrue(((Number) migration.get("ms")).doubleValue() > 0, migration.toString());
            for (Map<String, Object> statement : list(migration.get("statements"))) {
                assertEquals("apply", statement.get("action"));
                double ms = ((Number) statement.get("ms")).doubleValue();
                assertTrue(ms >= 0 && ms <= ((Number) migration.get("ms")).doubleValue(), statement.toString());
            }
        }
        List<Map<String, Object>> v2 = list(migrations.get(0).get("statements"));
        assertEquals(List.of(1L, 2L), v2.stream().map(s -> s.get("line")).collect(Collectors.toList()));
        assertEquals(2L, v2.get(1).get("rows"), "the UPDATE changed both accounts");
        List<Map<String, Object>> v3 = list(migrations.get(1).get("statements"));
        assertEquals(3L, v3.get(1).get("rows"), "the INSERT added three loans");

        List<Map<String, Object>> changes = list(report.get("schemaChanges"));
        assertTrue(changes.contains(Map.of("object", "column accounts.email", "before", "absent", "after", "TEXT")), changes.toString());
        assertTrue(changes.contains(Map.of("object", "table loans", "before", "absent", "after", "present")), changes.toString());
        assertNull(report.get("error"));
    }

    @Test
    void textSaysTheDatabaseWasOnlyReadAndTheCopyDropped() throws Exception {
        write("V2__email.sql", "ALTER TABLE accounts ADD COLUMN email TEXT;");

        Run run = sluice(on("rehearse"));

        assertEquals(0, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("the production database was only read"), run.out());
        assertTrue(run.out().contains("V2__email.sql  1     apply"), run.out());
        assertTrue(run.out().contains("column accounts.email  absent  TEXT"), run.out());
        assertTrue(run.out().endsWith("the copy was dropped\n"), run.out());
    }

    @Test
    void aStatementWhoseEffectIsAlreadyThereIsReportedSkippedWithTheReason() throws Exception {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE loans (id INTEGER PRIMARY KEY, amount INTEGER NOT NULL)");
        }
        write("V2__loans.sql", "CREATE TABLE loans (id INTEGER PRIMARY KEY, amount INTEGER NOT NULL);\n"
                + "INSERT INTO loans (amount) VALUES (10);");
        List<String> before = state();

        Run run = sluice(on("rehearse", "--json"));

        assertEquals(0, run.exit(), run.out() + run.err());
        assertEquals(before, state());
        List<Map<String, Object>> statements = list(list(run.json().get("migrations")).get(0).get("statements"));
        assertEquals("skip", statements.get(0).get("action"));
        assertEquals("table loans exists with the same columns", statements.get(0).get("reason"));
        assertNull(statements.get(0).get("ms"));
        assertEquals("apply", statements.get(1).get("action"));
        assertEquals(1L, statements.get(1).get("rows"));
    }

    @Test
    void aFailingMigrationExitsOneNamingFileLineAndErrorAndLeavesTheDatabaseUnchanged() throws Exception {
        write("V2__ok.sql", "CREATE TABLE notes (id INTEGER PRIMARY KEY);");
        write("V3__broken.sql", "INSERT INTO notes (id) VALUES (1);\nINSERT INTO nowhere (id) VALUES (1);");
        List<String> before = state();

        Run run = sluice(on("rehearse", "--json"));

        assertEquals(1, run.exit(), run.out() + run.err());
        assertEquals(before, state());
        Map<String, Object> report = run.json();
        String error = (String) report.get("error");
        assertTrue(error.contains("V3__broken.sql") && error.contains("line 2") && error.contains("no such table: nowhere"), error);
        assertFalse(error.contains("sluice-rehearse-"), "names a backup that is gone: " + error);
        List<Map<String, Object>> migrations = list(report.get("migrations"));
        Map<String, Object> broken = migrations.get(migrations.size() - 1);
        assertEquals("failed", broken.get("outcome"));
        Map<String, Object> failed = list(broken.get("statements")).get(1);
        assertEquals("failed", failed.get("action"));
        assertEquals(2L, failed.get("line"));
        assertTrue(String.valueOf(failed.get("reason")).contains("no such table: nowhere"), failed.toString());
        assertEquals(true, map(report.get("copy")).get("dropped"));
        assertFalse(Files.exists(Paths.get((String) map(report.get("copy")).get("location"))));
    }

    @Test
    void nothingPendingRehearsesNothingAndExitsZero() throws Exception {
        List<String> before = state();

        Run run = sluice(on("rehearse", "--json"));

        assertEquals(0, run.exit(), run.out() + run.err());
        assertEquals(before, state());
        assertEquals(List.of(), run.json().get("migrations"));
        assertEquals(List.of(), run.json().get("schemaChanges"));
        assertNotNull(map(run.json().get("copy")).get("ms"));
    }

    @Test
    void aTargetUrlIsAUsageErrorForSqlite() throws Exception {
        Run run = sluice(on("rehearse", "--target-url", "jdbc:sqlite:" + dir.resolve("other.db")));

        assertEquals(2, run.exit(), run.out() + run.err());
        assertTrue(run.err().contains("applies to PostgreSQL only"), run.err());
        assertFalse(Files.exists(dir.resolve("other.db")));
    }
}
