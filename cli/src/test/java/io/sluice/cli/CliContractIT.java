package io.sluice.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What docs/cli.md promises about output, exit codes and reading commands, tried on the real jar. */
class CliContractIT {
    @TempDir
    Path dir;
    private CliProcess cli;

    @BeforeEach
    void migrations() throws Exception {
        cli = new CliProcess(dir);
        Files.createDirectories(dir.resolve("sql"));
        Files.writeString(dir.resolve("sql/V1__accounts.sql"), "CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner TEXT);\n");
        Files.writeString(dir.resolve("sql/V2__email.sql"), "ALTER TABLE accounts ADD COLUMN email TEXT;\n");
    }

    private String[] on(String database, String command, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of(command, "--url", "jdbc:sqlite:" + database,
                "--locations", "filesystem:sql"));
        args.addAll(List.of(more));
        return args.toArray(new String[0]);
    }

    @Test
    void readingCommandsNeverCreateTheDatabaseAndNameTheMissingFile() throws Exception {
        for (String command : List.of("status", "plan", "validate", "history", "drift", "schema", "verify", "backups",
                "rehearse")) {
            CliProcess.Run run = cli.run(on("nonexist.db", command));

            assertEquals(1, run.exit(), command + ": " + run);
            assertEquals(1, run.errLines().size(), command + ": " + run);
            assertTrue(run.err().startsWith("sluice " + command + ": No SQLite database at /"), command + ": " + run);
            assertTrue(run.err().contains("/nonexist.db; "), command + ": " + run);
            assertFalse(Files.exists(dir.resolve("nonexist.db")), command + " created the database file");
        }
    }

    @Test
    void rehearseExitsZeroWhenTheGateWouldOpenOnTheCopyAndOneWhenAMigrationFailsThere() throws Exception {
        assertEquals(0, cli.run(on("app.db", "migrate")).exit());
        Files.writeString(dir.resolve("sql/V3__notes.sql"), "CREATE TABLE notes (id INTEGER PRIMARY KEY);\n");
        byte[] before = Files.readAllBytes(dir.resolve("app.db"));

        CliProcess.Run fine = cli.run(on("app.db", "rehearse"));
        assertEquals(0, fine.exit(), fine.toString());
        assertTrue(fine.out().contains("the production database was only read"), fine.toString());
        assertEquals("", fine.err());

        Files.writeString(dir.resolve("sql/V4__broken.sql"), "INSERT INTO nowhere VALUES (1);\n");
        CliProcess.Run failing = cli.run(on("app.db", "rehearse"));
        assertEquals(1, failing.exit(), failing.toString());
        assertTrue(failing.out().contains("the gate would refuse: app: Migration filesystem:sql/V4__broken.sql failed at line 1"),
                failing.toString());
        assertTrue(failing.out().endsWith("the copy was dropped\n"), failing.toString());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(dir.resolve("app.db"))), "the database file changed");
    }

    /** Applies V1 and V2, then edits V1: the gate would now refuse. */
    private void changeAnAppliedFile() throws Exception {
        CliProcess.Run migrate = cli.run(on("app.db", "migrate"));
        assertEquals(0, migrate.exit(), migrate.toString());
        Files.writeString(dir.resolve("sql/V1__accounts.sql"), "-- edited\n", StandardOpenOption.APPEND);
    }

    @Test
    void aRefusedGateIsOneErrorLineWithoutVerboseAndTheLogLinesWithIt() throws Exception {
        changeAnAppliedFile();

        CliProcess.Run quiet = cli.run(on("app.db", "migrate"));
        assertEquals(1, quiet.exit(), quiet.toString());
        assertEquals(1, quiet.errLines().size(), quiet.toString());
        assertTrue(quiet.err().startsWith("sluice migrate: app: Migration filesystem:sql/V1__accounts.sql was changed"),
                quiet.toString());

        CliProcess.Run verbose = cli.run(on("app.db", "migrate", "--verbose"));
        assertEquals(1, verbose.exit(), verbose.toString());
        assertTrue(verbose.err().contains("SEVERE: app: Migration"), verbose.toString());
    }

    @Test
    void statusShowsWhereTheDatabaseStandsAndNamesAChangedFile() throws Exception {
        changeAnAppliedFile();

        CliProcess.Run json = cli.run(on("app.db", "status", "--json"));
        assertEquals(1, json.exit(), json.toString());
        assertEquals("2", json.json().get("current"));
        assertEquals(List.of(), json.json().get("pending"));
        @SuppressWarnings("unchecked")
        Map<String, Object> problem = ((List<Map<String, Object>>) json.json().get("problems")).get(0);
        assertEquals("V1__accounts.sql", problem.get("script"));
        assertEquals("checksum-mismatch", problem.get("rule"));
        assertEquals("", json.err());

        Files.writeString(dir.resolve("sql/V3__phone.sql"), "ALTER TABLE accounts ADD COLUMN phone TEXT;\n");
        CliProcess.Run text = cli.run(on("app.db", "status", "--check"));
        assertEquals(1, text.exit(), "a gate that would refuse outranks pending migrations: " + text);
        assertTrue(text.out().matches("(?s)database\\s+current\\s+pending\\s+last backup\napp\\s+2\\s+3\\s+.*\n"
                + "error \\[checksum-mismatch] Migration filesystem:sql/V1__accounts.sql was changed.*\n"), text.toString());
    }

    @Test
    void validateNamesTheChangedScriptOfAChecksumMismatch() throws Exception {
        changeAnAppliedFile();

        CliProcess.Run json = cli.run(on("app.db", "validate", "--json"));
        assertEquals(1, json.exit(), json.toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> finding = ((List<Map<String, Object>>) json.json().get("findings")).get(0);
        assertEquals("V1__accounts.sql", finding.get("script"));
        assertTrue(finding.containsKey("line"));
        assertNull(finding.get("line"), "a whole file has no line");
        assertEquals("checksum-mismatch", finding.get("rule"));

        CliProcess.Run text = cli.run(on("app.db", "validate"));
        assertTrue(text.out().split("\n")[1].matches("V1__accounts\\.sql\\s+error\\s+checksum-mismatch\\s+Migration .*"),
                text.toString());
    }

    @Test
    void aRefusedBaselineIsAFailureAndARestoreOfNoFileAUsageError() throws Exception {
        assertEquals(0, cli.run(on("app.db", "migrate")).exit());

        CliProcess.Run baseline = cli.run(on("app.db", "baseline", "--version", "1"));
        assertEquals(1, baseline.exit(), baseline.toString());
        assertEquals(1, baseline.errLines().size(), baseline.toString());

        CliProcess.Run restore = cli.run(on("app.db", "restore", "backups/nothing.db", "--yes"));
        assertEquals(2, restore.exit(), restore.toString());
        assertEquals(List.of("sluice restore: No backup file backups/nothing.db; list them with: backups"), restore.errLines());
    }
}
