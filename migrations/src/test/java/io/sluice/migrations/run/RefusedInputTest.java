package io.sluice.migrations.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.Sluice;
import io.sluice.testing.JavaProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Input the gate must refuse before it reads or writes anything, on real SQLite files: databases
 * that would vanish, history tables that are not history tables, scripts that cannot be read
 * faithfully.
 */
class RefusedInputTest {
    @TempDir
    Path dir;
    private Path sql;
    private Path database;

    @BeforeEach
    void folder() throws IOException {
        sql = Files.createDirectories(dir.resolve("sql"));
        Files.writeString(sql.resolve("V1__accounts.sql"), "CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner TEXT);\n");
        database = dir.resolve("app.db");
    }

    private Properties settings(String... pairs) {
        Properties settings = new Properties();
        settings.setProperty("sluice.locations", "filesystem:" + sql);
        for (int i = 0; i < pairs.length; i += 2) {
            settings.setProperty(pairs[i], pairs[i + 1]);
        }
        return settings;
    }

    private SQLException refused(String url, Properties settings) {
        return assertThrows(SQLException.class, () -> Sluice.migrate(url, settings));
    }

    private String url() {
        return "jdbc:sqlite:" + database;
    }

    private List<String> query(String sqlText) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url()); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sqlText)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    private void execute(String statementText) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url()); Statement statement = connection.createStatement()) {
            statement.execute(statementText);
        }
    }

    // --- databases the application would never see ---------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:sluice:sqlite::memory:", "jdbc:sluice:sqlite:", "jdbc:sqlite::memory:",
        "jdbc:sluice:sqlite:file::memory:?cache=shared", "jdbc:sluice:sqlite:file:shared?mode=memory&cache=shared"})
    void anInMemoryDatabaseIsRefusedBecauseEachConnectionIsANewOne(String url) {
        SQLException e = refused(url, settings());

        assertEquals("22023", e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().contains("is an in-memory database: each connection to it is a new, empty database"),
            e.getMessage());
        assertTrue(e.getMessage().contains("use a database file"), e.getMessage());
    }

    @Test
    void anInMemoryDatabasePassesThroughWhenSluiceIsDisabled() throws Exception {
        assertEquals(1, Sluice.plan("jdbc:sqlite::memory:", settings("sluice.enabled", "false")).pending().size());
    }

    // --- configuration ---------------------------------------------------------------------------------

    @Test
    void aFilesystemLocationWithoutAPathIsAConfigurationError() {
        SQLException e = refused(url(), settings("sluice.locations", "filesystem:"));

        assertEquals("22023", e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().contains("sluice.locations=filesystem:"), e.getMessage());
        assertTrue(e.getMessage().contains("needs a folder"), e.getMessage());
        assertFalse(Files.exists(database), "refused before the database was opened");
    }

    @Test
    void aTableSettingNamingAnApplicationTableIsRefusedBeforeAnyBackup() throws Exception {
        execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)");
        execute("INSERT INTO users (name) VALUES ('ada')");

        SQLException e = refused(url(), settings("sluice.table", "users"));

        assertEquals("22023", e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().contains("sluice.table=users names an existing table that is not a Sluice history table"),
            e.getMessage());
        assertFalse(Files.exists(dir.resolve("backups")), "no backup before the refusal");
        assertEquals(List.of("1|ada"), query("SELECT id || '|' || name FROM users"));
        assertEquals(List.of("0"), query("SELECT COUNT(*) FROM sqlite_master WHERE name = 'accounts'"));
    }

    @Test
    void aTableSettingNamingSqliteMasterIsRefusedBeforeAnyBackup() throws Exception {
        execute("CREATE TABLE users (id INTEGER PRIMARY KEY)");

        SQLException e = refused(url(), settings("sluice.table", "sqlite_master"));

        assertEquals("22023", e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().contains("sluice.table=sqlite_master is a name SQLite reserves"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("backups")), "no backup before the refusal");
        assertEquals(List.of("0"), query("SELECT COUNT(*) FROM sqlite_master WHERE name = 'accounts'"));
    }

    // --- scripts that cannot be read faithfully ------------------------------------------------------

    @Test
    void aScriptThatIsNotUtf8IsRefusedWithFileAndByteOffset() throws Exception {
        byte[] latin1 = "CREATE TABLE notes (text TEXT);\nINSERT INTO notes VALUES ('caf\u00e9');\n"
            .getBytes(StandardCharsets.ISO_8859_1);
        Files.write(sql.resolve("V2__notes.sql"), latin1);

        SQLException e = refused(url(), settings());

        assertEquals("08004", e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().contains("V2__notes.sql"), e.getMessage());
        assertTrue(e.getMessage().contains("not valid UTF-8 at byte offset 62 (line 2, byte 0xe9)"), e.getMessage());
        assertEquals(List.of(), query("SELECT name FROM sqlite_master WHERE name IN ('accounts', 'notes', "
            + "'sluice_schema_history')"), "nothing was applied");
    }

    /** A JVM with a small heap and a script bigger than it can hold: a clear SQLException, not an OutOfMemoryError. */
    @Test
    void aScriptTooBigForTheHeapIsRefusedNamingFileAndSize() throws Exception {
        Path huge = sql.resolve("V2__huge.sql");
        byte[] line = "INSERT INTO accounts (owner) VALUES ('a fairly long owner name to fill the file');\n"
            .getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = Files.newOutputStream(huge)) {
            for (long written = 0; written < 40L * 1024 * 1024; written += line.length) {
                out.write(line);
            }
        }
        long size = Files.size(huge);
        Path output = dir.resolve("child.log");

        Process child = JavaProcess.of(MigrateOnce.class).jvmArgs("-Xmx64m")
            .args(url(), "filesystem:" + sql).start(output);

        assertTrue(child.waitFor(2, TimeUnit.MINUTES), "the child hangs");
        String log = Files.readString(output);
        assertEquals(0, child.exitValue(), log);
        assertTrue(log.contains("sqlstate=08004"), log);
        assertTrue(log.contains("V2__huge.sql (" + size + " bytes)"), log);
        assertTrue(log.contains("-Xmx"), log);
    }

    /** The child JVM of the test above: one gate run, its outcome on stdout. */
    public static final class MigrateOnce {
        public static void main(String[] args) {
            Properties settings = new Properties();
            settings.setProperty("sluice.locations", args[1]);
            try {
                System.out.println("applied=" + Sluice.migrate(args[0], settings).applied());
            } catch (SQLException e) {
                System.out.println("sqlstate=" + e.getSQLState() + " message=" + e.getMessage());
            } catch (OutOfMemoryError e) {
                System.out.println("out of memory: " + e);
                System.exit(3);
            }
        }
    }
}
