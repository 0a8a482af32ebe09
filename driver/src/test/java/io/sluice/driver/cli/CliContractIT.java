package io.sluice.driver.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        for (String command : List.of("status", "plan", "validate", "history", "drift", "schema", "verify", "backups")) {
            CliProcess.Run run = cli.run(on("nonexist.db", command));

            assertEquals(1, run.exit(), command + ": " + run);
            assertEquals(1, run.errLines().size(), command + ": " + run);
            assertTrue(run.err().startsWith("sluice " + command + ": No SQLite database at /"), command + ": " + run);
            assertTrue(run.err().contains("/nonexist.db; "), command + ": " + run);
            assertFalse(Files.exists(dir.resolve("nonexist.db")), command + " created the database file");
        }
    }
}
