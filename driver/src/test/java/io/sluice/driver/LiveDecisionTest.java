package io.sluice.driver;

import io.sluice.Sluice;
import io.sluice.migrations.error.Problem;
import io.sluice.migrations.error.SluiceException;
import io.sluice.migrations.plan.Plan;
import io.sluice.migrations.plan.PlannedStatement;
import io.sluice.testing.PostgresDatabase;
import io.sluice.testing.PostgresExtension;
import io.sluice.testing.SqliteDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

import static io.sluice.driver.PostgresGateTest.execute;
import static io.sluice.driver.PostgresGateTest.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Skips rest on live evidence only (SPEC §3): objects the planner's model cannot know are decided
 * against the live catalog when the statement runs, and scripts PostgreSQL or SQLite cannot run in
 * a transaction run outside one, as Flyway runs them.
 */
@ExtendWith(PostgresExtension.class)
class LiveDecisionTest {
    @TempDir
    Path dir;

    private Path folder(String... nameAndText) throws Exception {
        Path sql = Files.createDirectories(dir.resolve("sql"));
        for (int i = 0; i < nameAndText.length; i += 2) {
            Files.writeString(sql.resolve(nameAndText[i]), nameAndText[i + 1]);
        }
        return sql;
    }

    private String sqliteUrl(Path sql, String... settings) {
        return "jdbc:sluice:sqlite:" + dir.resolve("app.db") + "?sluice.locations=filesystem:" + sql
                + "&sluice.backupDir=" + dir.resolve("backups") + (settings.length == 0 ? "" : "&" + String.join("&", settings));
    }

    private String pgUrl(PostgresDatabase db, Path sql, String... settings) {
        return db.sluiceUrl() + "?sluice.locations=filesystem:" + sql + "&sluice.backupDir=" + dir.resolve("backups")
                + (settings.length == 0 ? "" : "&" + String.join("&", settings));
    }

    private List<String> sqlite(String query) throws Exception {
        return SqliteDigest.strings("jdbc:sqlite:" + dir.resolve("app.db"), query);
    }

    @Test
    void aVirtualTableCreatedEarlierInTheRunIsDroppedNotSkipped() throws Exception {
        Path sql = folder("V1__search.sql", "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);\n"
                        + "CREATE VIRTUAL TABLE notes_fts USING fts5(body);",
                "V2__drop_search.sql", "-- sluice:allow-destructive\nDROP TABLE notes_fts;\nCREATE INDEX notes_body ON notes (body);");

        Plan plan = Sluice.plan(sqliteUrl(sql), new Properties());
        PlannedStatement drop = plan.pending().get(1).plannedStatements().get(0);
        assertEquals(PlannedStatement.Action.APPLY, drop.action());
        assertTrue(drop.isLive(), "the model cannot know a virtual table: " + drop);

        Sluice.migrate(sqliteUrl(sql), new Properties());

        assertEquals(List.of("table:notes", "index:notes_body"),
                sqlite("SELECT type || ':' || name FROM sqlite_master WHERE name NOT LIKE 'sluice%' ORDER BY name"));
    }

    @Test
    void aStatementSkippedOnLiveEvidenceIsNamedInThePlanAndTheMigrationIsAdopted() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("app.db"));
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE loans (id INTEGER PRIMARY KEY, amount INTEGER NOT NULL)");
        }
        Path sql = folder("V1__loans.sql", "CREATE TABLE loans (id INTEGER PRIMARY KEY, amount INTEGER NOT NULL);");

        Plan plan = Sluice.plan(sqliteUrl(sql), new Properties());
        assertEquals("line 1 skip (decided when it runs) loans: table loans exists with the same columns",
                plan.pending().get(0).plannedStatements().get(0).toString());

        Sluice.migrate(sqliteUrl(sql), new Properties());
        assertEquals(List.of("1:1"), sqlite("SELECT version || ':' || adopted FROM sluice_schema_history"));
    }

    @Test
    void aBareCommitInATransactionalScriptIsRefusedBeforeAnythingRuns() throws Exception {
        Path sql = folder("V1__commit.sql", "CREATE TABLE a (id INTEGER);\nCOMMIT;\nCREATE TABLE b (id INTEGER);");

        SluiceException refusal = assertThrows(SluiceException.class, () -> Sluice.migrate(sqliteUrl(sql), new Properties()));

        assertEquals(Problem.INVALID_MIGRATION, refusal.problem());
        assertTrue(refusal.getMessage().contains("V1__commit.sql line 2"), refusal.getMessage());
        assertEquals(List.of(), sqlite("SELECT name FROM sqlite_master WHERE name IN ('a', 'b')"));
    }

    @Test
    void sqliteVacuumAloneRunsOutsideATransaction() throws Exception {
        Path sql = folder("V1__t.sql", "CREATE TABLE t (id INTEGER);", "V2__vacuum.sql", "VACUUM;");

        assertEquals(List.of("V1__t.sql", "V2__vacuum.sql"), Sluice.migrate(sqliteUrl(sql), new Properties()).applied());
    }

    @Test
    void postgresConcurrentIndexScriptsRunOutsideATransactionWithoutADirective(PostgresDatabase db) throws Exception {
        execute(db, "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer INTEGER, placed DATE)");
        Path sql = folder("V1__by_customer.sql", "CREATE INDEX CONCURRENTLY orders_customer ON orders (customer);\n"
                        + "CREATE INDEX CONCURRENTLY orders_placed ON orders (placed);",
                "V2__swap.sql", "DROP INDEX CONCURRENTLY orders_placed;\nREINDEX INDEX CONCURRENTLY orders_customer;");

        assertEquals(List.of("V1__by_customer.sql", "V2__swap.sql"), Sluice.migrate(pgUrl(db, sql), db.credentials()).applied());

        assertEquals(List.of("orders_customer", "orders_pkey"), strings(db, "SELECT indexname FROM pg_indexes "
                + "WHERE tablename = 'orders' ORDER BY indexname"));
    }

    @Test
    void postgresAScriptMixingConcurrentAndTransactionalStatementsIsRefusedUnlessMixed(PostgresDatabase db) throws Exception {
        execute(db, "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer INTEGER)");
        Path sql = folder("V1__mixed.sql", "ALTER TABLE orders ADD COLUMN note TEXT;\n"
                + "CREATE INDEX CONCURRENTLY orders_customer ON orders (customer);");

        SluiceException refusal = assertThrows(SluiceException.class, () -> Sluice.migrate(pgUrl(db, sql), db.credentials()));
        assertEquals(Problem.INVALID_MIGRATION, refusal.problem());
        assertTrue(refusal.getMessage().contains("line 2 (CREATE INDEX CONCURRENTLY ORDERS_CUSTOMER) cannot run in a "
                + "transaction but line 1 must run in one") && refusal.getMessage().contains("sluice.mixed=true"), refusal.getMessage());
        assertEquals(List.of(), strings(db, "SELECT column_name FROM information_schema.columns WHERE column_name = 'note'"));

        Sluice.migrate(pgUrl(db, sql, "sluice.mixed=true"), db.credentials());
        assertEquals(List.of("note"), strings(db, "SELECT column_name FROM information_schema.columns WHERE column_name = 'note'"));
    }

    @Test
    void postgresAGuardedDropOfAColumnCreatedEarlierInTheScriptRuns(PostgresDatabase db) throws Exception {
        Path sql = folder("V1__status.sql", """
                CREATE TYPE order_status AS ENUM ('new', 'paid');
                CREATE TABLE orders (id INTEGER PRIMARY KEY, status order_status);
                """, "V2__drop_status.sql", """
                -- sluice:allow-destructive
                ALTER TABLE orders DROP COLUMN IF EXISTS status;
                DROP TYPE order_status;
                """);

        Sluice.migrate(pgUrl(db, sql), db.credentials());

        assertEquals(List.of(), strings(db, "SELECT typname FROM pg_type WHERE typname = 'order_status'"));
    }

    @Test
    void postgresIndexesDroppedWithTheirColumnOrRenamedByAConstraintDoNotFailVerify(PostgresDatabase db) throws Exception {
        Path sql = folder("V1__accounts.sql", """
                CREATE TABLE accounts (id INTEGER NOT NULL, email TEXT, nick TEXT);
                CREATE INDEX accounts_nick ON accounts (nick);
                CREATE UNIQUE INDEX accounts_id_unique ON accounts (id);
                ALTER TABLE accounts ADD CONSTRAINT accounts_pkey PRIMARY KEY USING INDEX accounts_id_unique;
                """, "V2__drop_nick.sql", """
                -- sluice:allow-destructive
                ALTER TABLE accounts DROP COLUMN nick;
                """);

        Sluice.migrate(pgUrl(db, sql), db.credentials());

        assertEquals(List.of("accounts_pkey"), strings(db, "SELECT indexname FROM pg_indexes WHERE tablename = 'accounts'"));
    }

    @Test
    void postgresATableADoBlockDroppedIsCreatedAgainNotSkipped(PostgresDatabase db) throws Exception {
        execute(db, "CREATE TABLE legacy (id INTEGER)");
        Path sql = folder("V1__cleanup.sql", """
                DO $cleanup$ BEGIN EXECUTE 'DROP TABLE legacy'; END $cleanup$;
                CREATE TABLE legacy (id INTEGER);
                """);

        Plan plan = Sluice.plan(pgUrl(db, sql), db.credentials());
        PlannedStatement create = plan.pending().get(0).plannedStatements().get(1);
        assertTrue(create.isLive() && create.reason().contains("V1__cleanup.sql line 1 may have changed any object"), create.toString());

        Sluice.migrate(pgUrl(db, sql), db.credentials());
        assertEquals(List.of("1:false"), strings(db, "SELECT version || ':' || adopted FROM sluice_schema_history"));
        assertEquals(List.of("legacy"), strings(db, "SELECT tablename FROM pg_tables WHERE tablename = 'legacy'"));
    }

    @Test
    void postgresAnInvalidIndexIsBuiltAgainNotCountedAsPresent(PostgresDatabase db) throws Exception {
        execute(db, "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT)", "INSERT INTO users VALUES (1, 'a'), (2, 'a')");
        // A unique build over duplicates fails and leaves the index INVALID, as a crash mid-build does.
        assertThrows(Exception.class, () -> execute(db, "CREATE UNIQUE INDEX CONCURRENTLY users_email ON users (email)"));
        execute(db, "UPDATE users SET email = 'b' WHERE id = 2");
        assertEquals(List.of("false"), strings(db, "SELECT indisvalid::text FROM pg_index WHERE indexrelid = 'users_email'::regclass"));
        Path sql = folder("V1__email.sql", "CREATE UNIQUE INDEX CONCURRENTLY users_email ON users (email);");

        Sluice.migrate(pgUrl(db, sql), db.credentials());

        assertEquals(List.of("true"), strings(db, "SELECT indisvalid::text FROM pg_index WHERE indexrelid = 'users_email'::regclass"));
        assertEquals(List.of("1:false"), strings(db, "SELECT version || ':' || adopted FROM sluice_schema_history"));
        assertFalse(strings(db, "SELECT indexdef FROM pg_indexes WHERE indexname = 'users_email'").isEmpty());
    }
}
