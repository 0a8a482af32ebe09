package io.sluice.migrations.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.migrations.config.Setting;
import io.sluice.migrations.config.Settings;
import io.sluice.migrations.dialect.sqlite.SqliteDialect;
import io.sluice.migrations.error.Problem;
import io.sluice.migrations.error.SluiceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate's script fingerprints (kept beside the backups): an up-to-date start takes the
 * checksums of unchanged scripts from there, and nothing it records can hide a changed script or
 * refuse an unchanged one. Files count as settled only seconds after their last change, so each
 * test waits that long once before the start that records them.
 */
class ScriptFingerprintsTest {
    private static final String V1 = "CREATE TABLE loans (id INTEGER PRIMARY KEY, amount INTEGER NOT NULL);\n";
    private static final String V2 = "INSERT INTO loans (amount) VALUES (100);\n";

    @TempDir
    Path temp;

    private Path database;
    private Path scripts;
    private Path fingerprints;


    @BeforeEach
    void migrated() throws Exception {
        database = Files.createDirectories(temp.resolve("data")).resolve("app.db");
        scripts = Files.createDirectories(temp.resolve("sql"));
        fingerprints = database.getParent().resolve("backups").resolve(".sluice-script-fingerprints");
        Files.writeString(scripts.resolve("V1__loans.sql"), V1);
        Files.writeString(scripts.resolve("V2__seed.sql"), V2);
        run();
        Thread.sleep(3_200);
        run();
    }

    private GateReport run() throws SQLException {
        Settings settings = new Settings.Builder().put(Setting.LOCATIONS, "filesystem:" + scripts, "the test").build();
        String url = "jdbc:sqlite:" + database;
        return new GateRun(new SqliteDialect(), url, new SqliteConnector(url), settings).run();
    }

    private List<String> recorded() throws IOException {
        return Files.readAllLines(fingerprints);
    }

    @Test
    void anUpToDateStartRecordsEverySettledScriptBesideTheBackups() throws Exception {
        List<String> lines = recorded();
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.get(1).contains("V1__loans.sql") || lines.get(2).contains("V1__loans.sql"), lines.toString());
        assertEquals(StepOutcome.SKIPPED, run().steps().get(GateStep.LOCK).outcome());
    }

    @Test
    void aScriptChangedToTheSameSizeWithItsOldModificationTimeIsStillAChecksumMismatch() throws Exception {
        Path v1 = scripts.resolve("V1__loans.sql");
        FileTime modified = Files.getLastModifiedTime(v1);
        Files.writeString(v1, V1.replace("amount", "AMOUNT"));
        Files.setLastModifiedTime(v1, modified);
        Thread.sleep(3_200); // settled again: only its change time still tells

        SluiceException e = assertThrows(SluiceException.class, this::run);
        assertEquals(Problem.CHECKSUM_MISMATCH, e.problem());
        assertTrue(e.getMessage().contains("V1__loans.sql"), e.getMessage());
    }

    @Test
    void aTouchedButUnchangedScriptStillPasses() throws Exception {
        Files.setLastModifiedTime(scripts.resolve("V1__loans.sql"), FileTime.fromMillis(System.currentTimeMillis()));
        GateReport report = run();
        assertTrue(report.applied().isEmpty(), report.toString());
    }

    @Test
    void aWrongChecksumAmongTheFingerprintsIsNeverARefusal() throws Exception {
        List<String> lines = recorded();
        StringBuilder wrong = new StringBuilder(lines.get(0)).append('\n');
        for (String line : lines.subList(1, lines.size())) {
            wrong.append(line, 0, line.lastIndexOf('\t') + 1).append("sha256:").append("0".repeat(64)).append('\n');
        }
        Files.writeString(fingerprints, wrong);

        GateReport report = run();
        assertTrue(report.applied().isEmpty(), report.toString());
        assertTrue(recorded().stream().noneMatch(line -> line.endsWith("0".repeat(64))), recorded().toString());
    }

    @Test
    void aNewScriptIsReadAndApplied() throws Exception {
        Files.writeString(scripts.resolve("V3__more.sql"), "INSERT INTO loans (amount) VALUES (250);\n");
        GateReport report = run();
        assertEquals(1, report.applied().size(), report.toString());
    }
}
