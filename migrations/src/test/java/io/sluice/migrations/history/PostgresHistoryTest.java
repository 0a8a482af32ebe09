package io.sluice.migrations.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.Sluice;
import io.sluice.migrations.error.Problem;
import io.sluice.migrations.error.SluiceException;
import io.sluice.migrations.run.GateReport;
import io.sluice.testing.PostgresDatabase;
import io.sluice.testing.PostgresExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The history table on a real PostgreSQL server: in the gate's own schema, and guarded against hand edits. */
@ExtendWith(PostgresExtension.class)
class PostgresHistoryTest {
    @TempDir
    Path dir;
    private Path sql;

    @BeforeEach
    void folder() throws IOException {
        sql = Files.createDirectories(dir.resolve("sql"));
    }

    private void write(Path folder, String name, String text) throws IOException {
        Files.writeString(folder.resolve(name), text);
    }

    private GateReport migrate(PostgresDatabase db, String query, Path folder, String... more) throws SQLException {
        Properties settings = db.credentials();
        settings.setProperty("sluice.locations", "filesystem:" + folder);
        settings.setProperty("sluice.backupDir", dir.resolve("backups").toString());
        for (int i = 0; i < more.length; i += 2) {
            settings.setProperty(more[i], more[i + 1]);
        }
        return Sluice.migrate(db.jdbcUrl() + query, settings);
    }

    private static void execute(PostgresDatabase db, String... statements) throws SQLException {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            for (String text : statements) {
                statement.execute(text);
            }
        }
    }

    private static List<String> query(PostgresDatabase db, String text) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(text)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    private void accountsMigrations() throws IOException {
        write(sql, "V1__accounts.sql", "CREATE TABLE accounts (id SERIAL PRIMARY KEY, owner TEXT NOT NULL);\n"
            + "INSERT INTO accounts (owner) VALUES ('ada'), ('grace');\n");
        write(sql, "V2__seed.sql", "INSERT INTO accounts (owner) VALUES ('seed');\n");
        write(sql, "V3__email.sql", "ALTER TABLE accounts ADD COLUMN email TEXT;\n");
    }

    // --- the history's schema -------------------------------------------------------------------

    @Test
    void twoSchemasOfOneDatabaseEachKeepTheirOwnHistory(PostgresDatabase db) throws Exception {
        accountsMigrations();
        execute(db, "CREATE SCHEMA s1", "CREATE SCHEMA s2");

        assertEquals(3, migrate(db, "?currentSchema=s1", sql).applied().size());
        assertEquals(3, migrate(db, "?currentSchema=s2", sql).applied().size());
        assertTrue(migrate(db, "?currentSchema=s1", sql).applied().isEmpty());

        for (String schema : List.of("s1", "s2")) {
            assertEquals(List.of("1", "2", "3"), query(db, "SELECT version FROM " + schema + ".sluice_schema_history "
                + "WHERE success ORDER BY installed_rank"), schema);
            assertEquals(List.of("3"), query(db, "SELECT COUNT(*) FROM " + schema + ".accounts"), schema);
        }
        assertEquals(List.of("0"), query(db, "SELECT COUNT(*) FROM information_schema.tables "
            + "WHERE table_name = 'sluice_schema_history' AND table_schema NOT IN ('s1', 's2')"));
    }

    @Test
    void aScriptThatEmptiesTheSearchPathDoesNotLoseTheHistory(PostgresDatabase db) throws Exception {
        execute(db, "CREATE SCHEMA app");
        write(sql, "V1__restored_dump.sql", "SELECT pg_catalog.set_config('search_path', '', false);\n"
            + "CREATE TABLE app.accounts (id INTEGER PRIMARY KEY);\n");
        write(sql, "V2__more.sql", "INSERT INTO app.accounts VALUES (1);\n");

        GateReport report = migrate(db, "?currentSchema=app", sql);

        assertEquals(2, report.applied().size());
        assertEquals(List.of("1", "2"), query(db, "SELECT version FROM app.sluice_schema_history ORDER BY installed_rank"));
        assertTrue(migrate(db, "?currentSchema=app", sql).applied().isEmpty());
    }

    // --- hand edits and foreign folders -------------------------------------------------------------

    @Test
    void aDeletedRowBelowTheCurrentVersionIsRefusedNotAppliedAgain(PostgresDatabase db) throws Exception {
        accountsMigrations();
        migrate(db, "", sql);
        execute(db, "DELETE FROM sluice_schema_history WHERE version = '2'");

        SluiceException e = assertThrows(SluiceException.class, () -> migrate(db, "", sql));

        assertEquals(Problem.OUT_OF_ORDER, e.problem());
        assertEquals("08004", e.getSQLState());
        assertTrue(e.getMessage().contains("V2__seed.sql (version 2) is not applied but version 3 is"), e.getMessage());
        assertTrue(e.getMessage().contains("sluice.outOfOrder=true"), e.getMessage());
        assertEquals(List.of("1"), query(db, "SELECT COUNT(*) FROM accounts WHERE owner = 'seed'"));
        assertEquals(List.of("1", "3"), query(db, "SELECT version FROM sluice_schema_history ORDER BY installed_rank"));
    }

    @Test
    void aVersionColumnEditedByHandIsRefusedNotAParseError(PostgresDatabase db) throws Exception {
        accountsMigrations();
        migrate(db, "", sql);
        execute(db, "UPDATE sluice_schema_history SET version = 'v2 (hotfix)' WHERE version = '2'");

        SluiceException e = assertThrows(SluiceException.class, () -> migrate(db, "", sql));

        assertEquals(Problem.INVALID_HISTORY, e.problem());
        assertTrue(e.getMessage().contains("has the version 'v2 (hotfix)', which is not a version"), e.getMessage());
        assertEquals(List.of("1"), query(db, "SELECT COUNT(*) FROM accounts WHERE owner = 'seed'"));
    }

    @Test
    void anotherApplicationsFolderIsRefusedWithoutAdvisingRepair(PostgresDatabase db) throws Exception {
        accountsMigrations();
        migrate(db, "", sql);
        Path other = Files.createDirectories(dir.resolve("other-app"));
        write(other, "V1__orders.sql", "CREATE TABLE orders (id INTEGER PRIMARY KEY);\n");

        SluiceException e = assertThrows(SluiceException.class, () -> migrate(db, "", other));

        assertEquals(Problem.INVALID_HISTORY, e.problem());
        assertTrue(e.getMessage().contains("Version 1 was applied as V1__accounts.sql"), e.getMessage());
        assertFalse(e.getMessage().contains("repair"), e.getMessage());
        assertEquals(List.of("0"), query(db, "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'orders'"));
    }

    @Test
    void aTableSettingNamingAnApplicationTableIsRefusedBeforeAnyBackup(PostgresDatabase db) throws Exception {
        accountsMigrations();
        execute(db, "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)", "INSERT INTO users VALUES (1, 'ada')");

        SQLException e = assertThrows(SQLException.class, () -> migrate(db, "", sql, "sluice.table", "users"));

        assertEquals("22023", e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().contains("sluice.table=users names an existing table that is not a Sluice history table"),
            e.getMessage());
        assertFalse(Files.exists(dir.resolve("backups")), "no backup before the refusal");
        assertEquals(List.of("1|ada"), query(db, "SELECT id || '|' || name FROM users"));
    }
}
