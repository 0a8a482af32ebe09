package io.sluice.driver;

import io.sluice.Sluice;
import io.sluice.migrations.run.GateReport;
import io.sluice.migrations.run.GateStep;
import io.sluice.migrations.run.StepOutcome;
import io.sluice.testing.JavaProcess;
import io.sluice.testing.PostgresDatabase;
import io.sluice.testing.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(PostgresExtension.class)
class PostgresGateTest {
    @TempDir
    Path dir;

    @Test
    void aDataMigrationAppliesExactlyOnceWithTheRightValues(PostgresDatabase db) throws Exception {
        execute(db, "CREATE TABLE users (id SERIAL PRIMARY KEY, first_name TEXT NOT NULL, last_name TEXT NOT NULL)",
                "INSERT INTO users (first_name, last_name) VALUES ('Ada', 'Lovelace'), ('Grace', 'Hopper')");
        migration("V1__full_name.sql", """
                ALTER TABLE users ADD COLUMN full_name TEXT;
                UPDATE users SET full_name = first_name || ' ' || last_name WHERE full_name IS NULL;
                ALTER TABLE users ALTER COLUMN full_name SET NOT NULL;
                """);
        migration("V2__drop_name_parts.sql", """
                -- sluice:allow-destructive
                ALTER TABLE users DROP COLUMN first_name;
                ALTER TABLE users DROP COLUMN last_name;
                """);

        try (Connection connection = DriverManager.getConnection(url(db), db.credentials())) {
            assertEquals("org.postgresql.jdbc.PgConnection", connection.getClass().getName());
        }
        GateReport again = Sluice.migrate(url(db), db.credentials());

        assertTrue(again.applied().isEmpty());
        assertEquals(List.of("Ada Lovelace", "Grace Hopper"), strings(db, "SELECT full_name FROM users ORDER BY id"));
        assertEquals(List.of("id", "full_name"), strings(db, "SELECT column_name FROM information_schema.columns "
                + "WHERE table_name = 'users' ORDER BY ordinal_position"));
        assertEquals(List.of("1:1", "2:1"), strings(db, "SELECT version || ':' || COUNT(*) FROM sluice_schema_history "
                + "WHERE success GROUP BY version ORDER BY version"));
    }

    @Test
    void fourJvmsWithSixteenConnectionPoolsStartingAtOnceMigrateOnce(PostgresDatabase db) throws Exception {
        standardMigrations(db);
        Path go = dir.resolve("go");
        List<Process> jvms = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            jvms.add(app(PooledApp.class, db, "jvm" + i).args(url(db), go.toString(), dir.resolve("ready" + i).toString())
                    .start(dir.resolve("jvm" + i + ".log")));
        }
        for (int i = 0; i < 4; i++) {
            awaitFile(dir.resolve("ready" + i), jvms.get(i));
        }
        Files.createFile(go);

        for (int i = 0; i < 4; i++) {
            assertTrue(jvms.get(i).waitFor(3, TimeUnit.MINUTES), "jvm " + i + " hangs");
            String output = JavaProcess.read(dir.resolve("jvm" + i + ".log"));
            assertEquals(0, jvms.get(i).exitValue(), output);
            assertEquals(16, output.lines().filter(line -> line.equals("history-rows=2")).count(), output);
        }
        assertEquals(List.of("1:1", "2:1"), strings(db, "SELECT version || ':' || COUNT(*) FROM sluice_schema_history "
                + "GROUP BY version ORDER BY version"));
        assertEquals(List.of("3"), strings(db, "SELECT COUNT(*) FROM cashback_account"));
    }

    @Test
    void aMigrationBlockedByAnotherSessionsLockFailsTransientlyLeavesNothingAndSucceedsLater(PostgresDatabase db)
            throws Exception {
        standardMigrations(db);
        String url = url(db) + "&sluice.lockTimeout=PT1S";
        try (Connection blocker = db.connect()) {
            blocker.setAutoCommit(false);
            try (Statement statement = blocker.createStatement()) {
                statement.execute("SELECT COUNT(*) FROM users"); // an open read: ALTER TABLE users must wait
            }
            SQLException blocked = assertThrows(SQLException.class, () -> Sluice.migrate(url, db.credentials()));
            assertEquals("08001", blocked.getSQLState(), blocked.getMessage());
            assertTrue(blocked.getMessage().contains("V1__cashback.sql"), blocked.getMessage());
            blocker.rollback();
        }
        assertEquals(List.of("0"), strings(db, "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'cashback_account'"));

        GateReport later = Sluice.migrate(url, db.credentials());

        assertEquals(2, later.applied().size());
        assertEquals(List.of("3"), strings(db, "SELECT COUNT(*) FROM cashback_account"));
    }

    @Test
    void migrationsRunWithTheLockAndGateTimeoutsAsTheSessionsTimeouts(PostgresDatabase db) throws Exception {
        migration("V1__timeouts.sql", "CREATE TABLE seen AS SELECT current_setting('lock_timeout') AS lock_timeout, "
                + "current_setting('statement_timeout') AS statement_timeout, current_schema() AS schema;");
        Sluice.migrate(url(db) + "&sluice.lockTimeout=PT7S&sluice.gateTimeout=PT9M", db.credentials());
        assertEquals(List.of("7s|9min|public"), strings(db, "SELECT lock_timeout || '|' || statement_timeout || '|' || schema FROM seen"));
    }

    @Test
    void aHolderKilledWithSigkillDoesNotBlockTheNextStartInAdvisoryMode(PostgresDatabase db) throws Exception {
        killHolderThenMigrate(db, "advisory");
    }

    @Test
    void aHolderKilledWithSigkillDoesNotBlockTheNextStartBeyondTheLease(PostgresDatabase db) throws Exception {
        killHolderThenMigrate(db, "table");
    }

    private void killHolderThenMigrate(PostgresDatabase db, String lockMode) throws Exception {
        execute(db, "CREATE TABLE users (id INTEGER PRIMARY KEY)", "INSERT INTO users VALUES (1), (2), (3)");
        migration("V1__cashback.sql", "CREATE TABLE cashback_account (id SERIAL PRIMARY KEY, user_id INTEGER, balance INTEGER);");
        String url = url(db) + ",classpath:db/slow&sluice.lockMode=" + lockMode;
        Path marker = dir.resolve("migrating");
        Process holder = app(GatedApp.class, db, "holder").args(url).systemProperty("test.slowMarker", marker.toString())
                .start(dir.resolve("holder.log"));
        awaitFile(marker, holder);
        SQLException waited = assertThrows(SQLException.class,
                () -> Sluice.migrate(url + "&sluice.lockTimeout=PT1S", db.credentials()));
        assertEquals("08001", waited.getSQLState());
        assertTrue(waited.getMessage().contains("held by") && waited.getMessage().contains("host="), waited.getMessage());
        holder.destroyForcibly().waitFor();
        long killed = System.nanoTime();

        GateReport next = Sluice.migrate(url, db.credentials());

        assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - killed) < 30, "waited too long for a dead holder");
        assertEquals(List.of("V2__Slow_backfill"), next.applied().stream().map(s -> s.replaceAll(".*\\.", "")).toList());
        assertEquals(List.of("3"), strings(db, "SELECT COUNT(*) FROM cashback_account"));
    }

    @Test
    void threeInstancesWaitWithoutDeadlockWhileOneCreatesAnIndexConcurrently(PostgresDatabase db) throws Exception {
        execute(db, "CREATE TABLE events (id INTEGER PRIMARY KEY, kind INTEGER NOT NULL)",
                "INSERT INTO events SELECT g, g % 7 FROM generate_series(1, 3000) g",
                "CREATE FUNCTION slow_kind(k INTEGER) RETURNS INTEGER IMMUTABLE LANGUAGE plpgsql AS $$ "
                        + "BEGIN PERFORM pg_sleep(0.001); RETURN k; END $$");
        migration("V1__events_kind_index.sql", """
                -- sluice:no-transaction
                CREATE INDEX CONCURRENTLY events_slow_kind ON events (slow_kind(kind));
                """);
        List<Process> jvms = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            jvms.add(app(GatedApp.class, db, "jvm" + i).args(url(db)).start(dir.resolve("cic" + i + ".log")));
        }
        for (int i = 0; i < 4; i++) {
            assertTrue(jvms.get(i).waitFor(3, TimeUnit.MINUTES), "jvm " + i + " hangs (deadlock?)");
            String output = JavaProcess.read(dir.resolve("cic" + i + ".log"));
            assertEquals(0, jvms.get(i).exitValue(), output);
        }
        assertEquals(List.of("true"), strings(db, "SELECT indisvalid::text FROM pg_index WHERE indexrelid = 'events_slow_kind'::regclass"));
        assertEquals(List.of("1"), strings(db, "SELECT COUNT(*) FROM sluice_schema_history"));
    }

    private void standardMigrations(PostgresDatabase db) throws Exception {
        execute(db, "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL)",
                "INSERT INTO users VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        migration("V1__cashback.sql", """
                CREATE TABLE cashback_account (id SERIAL PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users (id));
                ALTER TABLE users ADD COLUMN cashback BOOLEAN NOT NULL DEFAULT FALSE;
                """);
        migration("V2__open_accounts.sql", "INSERT INTO cashback_account (user_id) SELECT id FROM users;");
    }

    /**
     * A waiter whose pending migration another instance applies while the lock stays taken opens
     * as soon as its unlocked read shows the database up to date, without ever holding the lock:
     * the instances of a fleet that wait while one migrates open together, not one by one.
     */
    @Test
    void aWaiterOpensWithoutTheLockOnceAnotherInstanceHasAppliedWhatItFoundPending(PostgresDatabase db) throws Exception {
        migration("V1__accounts.sql", "CREATE TABLE accounts (id INTEGER PRIMARY KEY);");
        String leased = url(db) + "&sluice.lockMode=table&sluice.lockTimeout=PT1M";
        Sluice.migrate(leased, db.credentials());
        execute(db, "INSERT INTO sluice_schema_history_lock (id, owner, expires_at) VALUES (1, 'another instance', "
                + "now() + interval '10 minutes') ON CONFLICT (id) DO UPDATE SET owner = EXCLUDED.owner, "
                + "expires_at = EXCLUDED.expires_at");
        migration("V2__cards.sql", "CREATE TABLE cards (id INTEGER PRIMARY KEY, account_id INTEGER REFERENCES accounts (id));");
        CompletableFuture<GateReport> waiter = CompletableFuture.supplyAsync(() -> {
            try {
                return Sluice.migrate(leased, db.credentials());
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        // Past its first unlocked read (V2 pending), the waiter is trying to take the lease.
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (strings(db, "SELECT pid FROM pg_stat_activity WHERE application_name LIKE 'sluice lease%' "
                + "AND query LIKE '%held.expires_at%'").isEmpty()) {
            assertTrue(System.nanoTime() < deadline && !waiter.isDone(),
                    "the waiter should wait for the lease: " + (waiter.isDone() ? waiter.get() : ""));
            TimeUnit.MILLISECONDS.sleep(20);
        }

        // Another instance applies V2 while the lease stays taken (it holds the advisory lock: a second lock).
        assertEquals(List.of("V2__cards.sql"), Sluice.migrate(url(db), db.credentials()).applied());
        GateReport opened = waiter.get(30, TimeUnit.SECONDS);

        assertTrue(opened.applied().isEmpty(), opened.toString());
        assertEquals(StepOutcome.SKIPPED, opened.steps().get(GateStep.LOCK).outcome(), opened.toString());
        assertEquals(StepOutcome.SUCCESS, opened.steps().get(GateStep.INSPECT).outcome(), opened.toString());
        assertEquals("2", opened.versionAfter().toString());
        assertEquals(List.of("another instance"), strings(db, "SELECT owner FROM sluice_schema_history_lock"));
        assertEquals(List.of("1:1", "2:1"), strings(db, "SELECT version || ':' || COUNT(*) FROM sluice_schema_history "
                + "WHERE success GROUP BY version ORDER BY version"));
    }

    private JavaProcess app(Class<?> main, PostgresDatabase db, String name) {
        return JavaProcess.of(main).env("APP_USER", db.user()).env("APP_PASSWORD", db.password());
    }

    private String url(PostgresDatabase db) {
        return db.sluiceUrl() + "?sluice.backupDir=" + dir.resolve("backups") + "&sluice.locations=filesystem:" + dir.resolve("sql");
    }

    private void migration(String name, String text) throws IOException {
        Files.createDirectories(dir.resolve("sql"));
        Files.writeString(dir.resolve("sql").resolve(name), text, StandardCharsets.UTF_8);
    }

    static void execute(PostgresDatabase db, String... statements) throws SQLException {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    static List<String> strings(PostgresDatabase db, String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(query)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static void awaitFile(Path file, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (!Files.exists(file)) {
            assertTrue(System.nanoTime() < deadline && process.isAlive(), "process ended before " + file.getFileName());
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }
}
