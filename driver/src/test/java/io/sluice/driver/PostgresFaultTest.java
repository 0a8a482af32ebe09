package io.sluice.driver;

import io.sluice.Sluice;
import io.sluice.testing.JavaProcess;
import io.sluice.testing.PostgresDatabase;
import io.sluice.testing.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.sluice.driver.PostgresGateTest.execute;
import static io.sluice.driver.PostgresGateTest.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exactly once under the faults production has (SPEC §4): a lock lost mid-run, a lease that ran
 * out, a process killed in the middle of a script that runs outside a transaction.
 */
@ExtendWith(PostgresExtension.class)
class PostgresFaultTest {
    @TempDir
    Path dir;

    private void migration(String name, String text) throws Exception {
        Files.createDirectories(dir.resolve("sql"));
        Files.writeString(dir.resolve("sql").resolve(name), text);
    }

    private String url(PostgresDatabase db, String... settings) {
        return db.sluiceUrl() + "?sluice.backupDir=" + dir.resolve("backups") + "&sluice.locations=filesystem:" + dir.resolve("sql")
                + (settings.length == 0 ? "" : "&" + String.join("&", settings));
    }

    /** Waits until some backend runs a statement containing {@code text}. */
    private static void awaitQuery(PostgresDatabase db, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        // not this lookup's own text, which a backend that is just closing still shows
        while (strings(db, "SELECT pid FROM pg_stat_activity WHERE query LIKE '%" + text + "%' AND pid <> pg_backend_pid() "
                + "AND query NOT LIKE '%pg_stat_activity%'").isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "no backend ran " + text);
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    private static void accounts(PostgresDatabase db) throws SQLException {
        execute(db, "CREATE TABLE accounts (id INTEGER PRIMARY KEY, balance INTEGER NOT NULL)",
                "INSERT INTO accounts VALUES (1, 50), (2, 50)");
    }

    @Test
    void aHolderWhoseLockSessionWasKilledNeverLetsAVersionApplyTwice(PostgresDatabase db) throws Exception {
        accounts(db);
        migration("V1__interest.sql", "UPDATE accounts SET balance = balance + 100 WHERE id > 0;\nSELECT pg_sleep(2);");
        migration("V2__audit.sql", "CREATE TABLE audit (id INTEGER);");
        CompletableFuture<Object> holder = CompletableFuture.supplyAsync(() -> {
            try {
                return Sluice.migrate(url(db), db.credentials());
            } catch (SQLException e) {
                return e;
            }
        });
        awaitQuery(db, "pg_sleep(2)");
        execute(db, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name LIKE '%lock%' "
                + "AND pid <> pg_backend_pid()");

        SQLException second = assertThrows(SQLException.class, () -> Sluice.migrate(url(db), db.credentials()));
        assertEquals("08001", second.getSQLState(), second.getMessage());
        Object first = holder.get(1, TimeUnit.MINUTES);
        assertTrue(first instanceof SQLException && "08001".equals(((SQLException) first).getSQLState()),
                "the holder must not go on without its lock: " + first);

        assertEquals(List.of("V2__audit.sql"), Sluice.migrate(url(db), db.credentials()).applied());
        assertEquals(List.of("150", "150"), strings(db, "SELECT balance FROM accounts ORDER BY id"));
        assertEquals(List.of("1:1", "2:1"), strings(db, "SELECT version || ':' || COUNT(*) FROM sluice_schema_history "
                + "WHERE success GROUP BY version ORDER BY version"));
    }

    @Test
    void aHolderWhoseLeaseWasTakenOverCannotCommitItsNextMigration(PostgresDatabase db) throws Exception {
        accounts(db);
        // outside a transaction, so the lease row is not locked while it runs
        migration("V1__wait.sql", "-- sluice:no-transaction\nSELECT pg_sleep(2);");
        migration("V2__interest.sql", "UPDATE accounts SET balance = balance + 100 WHERE id > 0;");
        String url = url(db, "sluice.lockMode=table");
        execute(db, "CREATE TABLE sluice_schema_history_lock (id INTEGER PRIMARY KEY, owner VARCHAR(200) NOT NULL, "
                + "expires_at TIMESTAMPTZ NOT NULL)");
        CompletableFuture<Object> holder = CompletableFuture.supplyAsync(() -> {
            try {
                return Sluice.migrate(url, db.credentials());
            } catch (SQLException e) {
                return e;
            }
        });
        awaitQuery(db, "pg_sleep(2)");
        // What another instance does after the holder was paused past its lease: take the lease over.
        execute(db, "UPDATE sluice_schema_history_lock SET owner = 'another instance', expires_at = now() + interval '1 minute'");

        Object first = holder.get(1, TimeUnit.MINUTES);
        assertTrue(first instanceof SQLException && "08001".equals(((SQLException) first).getSQLState())
                && ((SQLException) first).getMessage().contains("Lost the migration lease"), "committed without the lease: " + first);
        assertEquals(List.of("50", "50"), strings(db, "SELECT balance FROM accounts ORDER BY id"));

        execute(db, "DELETE FROM sluice_schema_history_lock");
        assertEquals(List.of("V2__interest.sql"), Sluice.migrate(url, db.credentials()).applied());
        assertEquals(List.of("150", "150"), strings(db, "SELECT balance FROM accounts ORDER BY id"));
    }

    @Test
    void aLeaseHolderFrozenBySigstopMidMigrationKeepsOthersOutAndItsMigrationAppliesOnce(PostgresDatabase db) throws Exception {
        accounts(db);
        migration("V1__interest.sql", "UPDATE accounts SET balance = balance + 100 WHERE id > 0;\nSELECT pg_sleep(2);");
        String url = url(db, "sluice.lockMode=table");
        Process holder = JavaProcess.of(GatedApp.class).env("APP_USER", db.user()).env("APP_PASSWORD", db.password())
                .args(url).start(dir.resolve("holder.log"));
        try {
            awaitQuery(db, "pg_sleep(2)");
            signal("STOP", holder);
            // Frozen, the holder renews nothing: its lease runs out while its migration's transaction,
            // and the lease row it fenced, stay open on the server.
            SQLException waited = assertThrows(SQLException.class,
                    () -> Sluice.migrate(url + "&sluice.lockTimeout=PT20S", db.credentials()));
            assertEquals("08001", waited.getSQLState(), waited.getMessage());
            assertEquals(List.of("50", "50"), strings(db, "SELECT balance FROM accounts ORDER BY id"));

            signal("CONT", holder);
            assertTrue(holder.waitFor(1, TimeUnit.MINUTES), "the holder did not finish after SIGCONT");
            assertEquals(0, holder.exitValue(), Files.readString(dir.resolve("holder.log")));
        } finally {
            signal("CONT", holder);
            holder.destroyForcibly();
        }
        assertTrue(Sluice.migrate(url, db.credentials()).applied().isEmpty());
        assertEquals(List.of("150", "150"), strings(db, "SELECT balance FROM accounts ORDER BY id"));
        assertEquals(List.of("1"), strings(db, "SELECT count(*) FROM sluice_schema_history WHERE version = '1' AND success"));
    }

    /** A real signal to a process, as an operator's {@code kill -STOP} or a frozen VM would send it. */
    private static void signal(String name, Process process) throws Exception {
        if (process.isAlive()) {
            assertEquals(0, new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start().waitFor());
        }
    }

    @Test
    void aWaiterWhoseSessionsAreKilledIsToldToTryAgainNotToFixAMigration(PostgresDatabase db) throws Exception {
        accounts(db);
        migration("V1__interest.sql", "UPDATE accounts SET balance = balance + 100 WHERE id > 0;\nSELECT pg_sleep(3);");
        CompletableFuture<Object> holder = CompletableFuture.supplyAsync(() -> {
            try {
                return Sluice.migrate(url(db), db.credentials());
            } catch (SQLException e) {
                return e;
            }
        });
        awaitQuery(db, "pg_sleep(3)");
        String since = strings(db, "SELECT clock_timestamp()::text").get(0);
        CompletableFuture<Object> waiter = CompletableFuture.supplyAsync(() -> {
            try {
                return Sluice.migrate(url(db), db.credentials());
            } catch (SQLException e) {
                return e;
            }
        });
        TimeUnit.MILLISECONDS.sleep(500);
        // The waiter's gate and lock sessions end, as a server restart or a proxy would end them.
        execute(db, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name LIKE 'sluice%' "
                + "AND backend_start > '" + since + "'::timestamptz");

        Object waited = waiter.get(1, TimeUnit.MINUTES);
        assertTrue(waited instanceof SQLException && "08001".equals(((SQLException) waited).getSQLState()),
                "a lost connection is transient: " + waited);
        holder.get(1, TimeUnit.MINUTES);
        assertTrue(Sluice.migrate(url(db), db.credentials()).applied().isEmpty());
        assertEquals(List.of("150", "150"), strings(db, "SELECT balance FROM accounts ORDER BY id"));
    }

    @Test
    void aNoTransactionScriptKilledHalfwayIsRefusedNotRunAgain(PostgresDatabase db) throws Exception {
        accounts(db);
        migration("V1__interest.sql", """
                -- sluice:no-transaction
                UPDATE accounts SET balance = balance + 100 WHERE id > 0;
                SELECT pg_sleep(30);
                UPDATE accounts SET balance = balance + 100 WHERE id > 0;
                """);
        Process holder = JavaProcess.of(GatedApp.class).env("APP_USER", db.user()).env("APP_PASSWORD", db.password())
                .args(url(db)).start(dir.resolve("holder.log"));
        awaitQuery(db, "pg_sleep(30)");
        holder.destroyForcibly().waitFor();

        SQLException refusal = assertThrows(SQLException.class, () -> Sluice.migrate(url(db), db.credentials()));

        assertEquals("08004", refusal.getSQLState());
        assertTrue(refusal.getMessage().contains("V1__interest.sql ran outside a transaction and was interrupted")
                && refusal.getMessage().contains("repair"), refusal.getMessage());
        assertEquals(List.of("150", "150"), strings(db, "SELECT balance FROM accounts ORDER BY id"));
    }

    @Test
    void anInterruptedConcurrentIndexBuildRunsAgainAndRebuildsTheInvalidIndex(PostgresDatabase db) throws Exception {
        execute(db, "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT)", "INSERT INTO users VALUES (1, 'a'), (2, 'a')");
        assertThrows(SQLException.class, () -> execute(db, "CREATE UNIQUE INDEX CONCURRENTLY users_email ON users (email)"));
        execute(db, "UPDATE users SET email = 'b' WHERE id = 2");
        migration("V1__email.sql", "CREATE UNIQUE INDEX CONCURRENTLY users_email ON users (email);");
        // What a run killed in the middle of this script leaves: its mark, and an INVALID index.
        execute(db, "CREATE TABLE sluice_schema_history (installed_rank INTEGER NOT NULL PRIMARY KEY, version VARCHAR(50), "
                + "description VARCHAR(200) NOT NULL, type VARCHAR(20) NOT NULL, script VARCHAR(1000) NOT NULL, checksum VARCHAR(100), "
                + "installed_by VARCHAR(100) NOT NULL, installed_on TIMESTAMPTZ NOT NULL DEFAULT now(), execution_time_ms INTEGER NOT NULL, "
                + "success BOOLEAN NOT NULL, adopted BOOLEAN NOT NULL DEFAULT FALSE, backup VARCHAR(1000))",
                "INSERT INTO sluice_schema_history (installed_rank, version, description, type, script, installed_by, "
                        + "execution_time_ms, success) VALUES (1, '1', 'email', 'SQL', 'V1__email.sql', 'web-1', -1, FALSE)");

        assertEquals(List.of("V1__email.sql"), Sluice.migrate(url(db), db.credentials()).applied());

        assertEquals(List.of("true"), strings(db, "SELECT indisvalid::text FROM pg_index WHERE indexrelid = 'users_email'::regclass"));
        assertEquals(List.of("1:true"), strings(db, "SELECT version || ':' || success FROM sluice_schema_history"));
    }
}
