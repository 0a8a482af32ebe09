package io.sluice.driver;

import io.sluice.Sluice;
import io.sluice.migrations.backup.BackupMetadata;
import io.sluice.migrations.connect.GatedDatabase;
import io.sluice.migrations.dialect.BackupProgress;
import io.sluice.migrations.error.Problem;
import io.sluice.migrations.error.SluiceException;
import io.sluice.migrations.ops.Operator;
import io.sluice.testing.PostgresDatabase;
import io.sluice.testing.PostgresExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.sluice.driver.PostgresGateTest.execute;
import static io.sluice.driver.PostgresGateTest.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Restore, backup identity, retention and backup failures on a real PostgreSQL server (issue 14). */
@ExtendWith(PostgresExtension.class)
class PostgresBackupSafetyTest {
    @TempDir
    Path dir;

    @AfterEach
    void forgetPgDump() {
        System.clearProperty("sluice.pgDump");
    }

    private String url(PostgresDatabase db, String... settings) {
        return url(db.sluiceUrl(), settings);
    }

    private String url(String sluiceUrl, String... settings) {
        StringBuilder url = new StringBuilder(sluiceUrl).append("?sluice.backupDir=").append(dir.resolve("backups"));
        for (String setting : settings) {
            url.append('&').append(setting);
        }
        return url.toString();
    }

    private static Operator operator(String url, PostgresDatabase db) throws SQLException {
        return new Operator(GatedDatabase.resolve(url, db.credentials()));
    }

    private static void accounts(PostgresDatabase db, String owner) throws SQLException {
        execute(db, "CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner TEXT NOT NULL)",
                "INSERT INTO accounts VALUES (1, '" + owner + "'), (2, 'grace')");
    }

    private static List<String> owners(PostgresDatabase db) throws SQLException {
        return strings(db, "SELECT string_agg(id || ':' || owner, ',' ORDER BY id) FROM accounts");
    }

    private List<Path> dumps() throws Exception {
        Path folder = dir.resolve("backups");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".dump")).sorted().toList();
        }
    }

    // --- restore checks the file before touching anything ---------------------------------------

    @Test
    void restoreRefusesABackupOfAnotherDatabaseUnlessForced(PostgresDatabase db) throws Exception {
        String otherName = db.databaseName() + "_other";
        execute(db, "CREATE DATABASE " + otherName);
        String otherUrl = db.sluiceUrl().replace("/" + db.databaseName(), "/" + otherName);
        try {
            accounts(db, "ada");
            try (Connection other = DriverManager.getConnection(otherUrl.replace("jdbc:sluice:", "jdbc:"), db.credentials());
                 Statement statement = other.createStatement()) {
                statement.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner TEXT NOT NULL)");
                statement.execute("INSERT INTO accounts VALUES (1, 'from the other database')");
            }
            Path ofOther = operator(url(otherUrl), db).backup(BackupProgress.NONE);

            SluiceException refusal = assertThrows(SluiceException.class, () -> operator(url(db), db).restore(ofOther, false));

            assertEquals(Problem.RESTORE_REFUSED, refusal.problem());
            assertTrue(refusal.getMessage().contains("is a backup of database " + otherName + ", schema public"),
                    refusal.getMessage());
            assertTrue(refusal.getMessage().contains("not of database " + db.databaseName()), refusal.getMessage());
            assertTrue(refusal.getMessage().contains("(system identifier "), "the server is named by its identifier: "
                    + refusal.getMessage());
            assertEquals(List.of("1:ada,2:grace"), owners(db));

            operator(url(db), db).restore(ofOther, true);
            assertEquals(List.of("1:from the other database"), owners(db));
        } finally {
            execute(db, "DROP DATABASE " + otherName + " WITH (FORCE)");
        }
    }

    @Test
    void restoreRefusesADamagedDumpAndAFileThatIsNoBackup(PostgresDatabase db) throws Exception {
        accounts(db, "ada");
        Path dump = operator(url(db), db).backup(BackupProgress.NONE);
        assertTrue(Files.readString(dump, StandardCharsets.ISO_8859_1).startsWith("PGDMP"), "expected a pg_dump archive");
        FileFaults.flipBytes(dump, Files.size(dump) - 200, 8);
        Path random = Files.write(dir.resolve("random.dump"), "SELECT 'not a backup';\n".getBytes(StandardCharsets.UTF_8));
        execute(db, "UPDATE accounts SET owner = 'changed' WHERE id = 1");

        SluiceException damaged = assertThrows(SluiceException.class, () -> operator(url(db), db).restore(dump, false));
        SluiceException notABackup = assertThrows(SluiceException.class, () -> operator(url(db), db).restore(random, true));

        assertTrue(damaged.getMessage().startsWith(dump + " was changed or damaged since it was taken"), damaged.getMessage());
        assertTrue(notABackup.getMessage().startsWith(random + " is neither a pg_dump archive nor a Sluice logical backup"),
                notABackup.getMessage());
        assertEquals(List.of("1:changed,2:grace"), owners(db));
    }

    @Test
    void restoreRefusesALogicalBackupThatLostRowsEvenWhenForced(PostgresDatabase db) throws Exception {
        System.setProperty("sluice.pgDump", dir.resolve("no-such-pg_dump").toString());
        accounts(db, "ada");
        Path backup = operator(url(db), db).backup(BackupProgress.NONE);
        String text = Files.readString(backup);
        assertTrue(text.startsWith("-- sluice logical backup v1"), text);
        Files.writeString(backup, text.replaceFirst("(?m)^INSERT INTO .*\\n", ""));
        Files.delete(BackupMetadata.sidecar(backup));
        execute(db, "UPDATE accounts SET owner = 'changed' WHERE id = 1");

        SluiceException refusal = assertThrows(SluiceException.class, () -> operator(url(db), db).restore(backup, true));

        assertTrue(refusal.getMessage().startsWith(backup + " is not a whole logical backup"), refusal.getMessage());
        assertEquals(List.of("1:changed,2:grace"), owners(db));
    }

    // --- identity: two schemas of one database share the stem and the folder --------------------

    @Test
    void twoSchemasOfOneDatabaseKeepAndListOnlyTheirOwnBackups(PostgresDatabase db) throws Exception {
        execute(db, "CREATE SCHEMA s1", "CREATE SCHEMA s2", "CREATE TABLE s1.t (id INTEGER)", "CREATE TABLE s2.t (id INTEGER)");
        String s1 = url(db.sluiceUrl() + "?currentSchema=s1", "sluice.backupRetain=1").replaceFirst("\\?sluice", "&sluice");
        String s2 = url(db.sluiceUrl() + "?currentSchema=s2", "sluice.backupRetain=1").replaceFirst("\\?sluice", "&sluice");
        for (int round = 0; round < 2; round++) {
            operator(s1, db).backup(BackupProgress.NONE);
            operator(s2, db).backup(BackupProgress.NONE);
        }

        List<Path> ofS1 = operator(s1, db).backups();
        List<Path> ofS2 = operator(s2, db).backups();
        assertEquals(1, ofS1.size(), ofS1.toString());
        assertEquals(1, ofS2.size(), ofS2.toString());
        assertEquals(2, dumps().size(), "retention of one schema deleted the other's backups");
        assertEquals("s1", BackupMetadata.read(ofS1.get(0)).identity().schema());
    }

    // --- failed starts ---------------------------------------------------------------------------

    @Test
    void retentionBoundsTheBackupsOfFailedStarts(PostgresDatabase db) throws Exception {
        accounts(db, "ada");
        Path sql = Files.createDirectories(dir.resolve("sql"));
        Files.writeString(sql.resolve("V1__broken.sql"), "INSERT INTO accounts SELECT * FROM no_such_table;");
        for (int start = 0; start < 4; start++) {
            execute(db, "UPDATE accounts SET owner = 'writer " + start + "' WHERE id = 2"); // other instances keep writing
            SQLException refusal = assertThrows(SQLException.class, () -> Sluice.migrate(
                    url(db, "sluice.locations=filesystem:" + sql, "sluice.backupRetain=2"), db.credentials()));
            assertEquals("08004", refusal.getSQLState());
        }

        assertEquals(2, dumps().size(), dumps().toString());
    }

    // --- a backup that cannot be taken says why --------------------------------------------------

    private Path pendingMigration() throws Exception {
        Path sql = Files.createDirectories(dir.resolve("sql"));
        Files.writeString(sql.resolve("V1__audit.sql"), "CREATE TABLE audit (id INTEGER);");
        return sql;
    }

    private void blockedByAnExclusiveLockIsTransient(PostgresDatabase db) throws Exception {
        accounts(db, "ada");
        Path sql = pendingMigration();
        String gate = url(db, "sluice.locations=filesystem:" + sql, "sluice.lockTimeout=PT1S");
        try (Connection holder = db.connect(); Statement statement = holder.createStatement()) {
            holder.setAutoCommit(false);
            statement.execute("LOCK TABLE accounts IN ACCESS EXCLUSIVE MODE");

            SQLException refusal = assertThrows(SQLException.class, () -> Sluice.migrate(gate, db.credentials()));

            assertEquals("08001", refusal.getSQLState(), refusal.getMessage());
            assertTrue(refusal.getMessage().contains("for a table another session holds exclusively"), refusal.getMessage());
            assertFalse(refusal.getMessage().contains("writable"), refusal.getMessage());
            holder.rollback();
        }
        Sluice.migrate(gate, db.credentials());
        assertEquals(List.of("1"), strings(db, "SELECT COUNT(*) FROM sluice_schema_history WHERE success"));
    }

    @Test
    void aPgDumpBlockedByAnExclusiveLockIsTransient(PostgresDatabase db) throws Exception {
        blockedByAnExclusiveLockIsTransient(db);
        assertTrue(Files.readString(dumps().get(0), StandardCharsets.ISO_8859_1).startsWith("PGDMP"));
    }

    @Test
    void aLogicalBackupBlockedByAnExclusiveLockIsTransient(PostgresDatabase db) throws Exception {
        System.setProperty("sluice.pgDump", dir.resolve("no-such-pg_dump").toString());
        blockedByAnExclusiveLockIsTransient(db);
    }

    /** The backup waits for a table lock; then its session is terminated, as a restart or an operator would. */
    private void terminatedWhileBackingUpIsTransient(PostgresDatabase db) throws Exception {
        accounts(db, "ada");
        String gate = url(db, "sluice.locations=filesystem:" + pendingMigration(), "sluice.lockTimeout=PT1M");
        try (Connection holder = db.connect(); Statement statement = holder.createStatement()) {
            holder.setAutoCommit(false);
            statement.execute("LOCK TABLE accounts IN ACCESS EXCLUSIVE MODE");
            CompletableFuture<SQLException> run = CompletableFuture.supplyAsync(() -> {
                try {
                    Sluice.migrate(gate, db.credentials());
                    return null;
                } catch (SQLException e) {
                    return e;
                }
            });
            String waiting = awaitWaiter(db);
            execute(db, "SELECT pg_terminate_backend(" + waiting + ")");

            SQLException refusal = run.get(1, TimeUnit.MINUTES);

            assertTrue(refusal != null, "the gate went on without its backup");
            assertEquals("08001", refusal.getSQLState(), refusal.getMessage());
            assertTrue(refusal.getMessage().contains("The backup lost its connection to the database"), refusal.getMessage());
            assertTrue(refusal.getMessage().contains("the next connect tries again"), refusal.getMessage());
            holder.rollback();
        }
        Sluice.migrate(gate, db.credentials());
        assertEquals(List.of("1"), strings(db, "SELECT COUNT(*) FROM sluice_schema_history WHERE success"));
    }

    /** The backend that waits for the lock on accounts: the backup's. */
    private static String awaitWaiter(PostgresDatabase db) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            List<String> pids = strings(db, "SELECT pid FROM pg_locks WHERE NOT granted AND relation = 'accounts'::regclass");
            if (!pids.isEmpty()) {
                return pids.get(0);
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        throw new AssertionError("no backup waited for the lock on accounts");
    }

    @Test
    void aPgDumpWhoseSessionIsTerminatedIsTransient(PostgresDatabase db) throws Exception {
        terminatedWhileBackingUpIsTransient(db);
    }

    @Test
    void aLogicalBackupWhoseSessionIsTerminatedIsTransient(PostgresDatabase db) throws Exception {
        System.setProperty("sluice.pgDump", dir.resolve("no-such-pg_dump").toString());
        terminatedWhileBackingUpIsTransient(db);
    }

    @Test
    void aMissingPgDumpSaysWhatToInstall(PostgresDatabase db) throws Exception {
        accounts(db, "ada");
        System.setProperty("sluice.pgDump", dir.resolve("no-such-pg_dump").toString());

        SQLException refusal = assertThrows(SQLException.class, () -> Sluice.migrate(
                url(db, "sluice.locations=filesystem:" + pendingMigration(), "sluice.backup=pg_dump"), db.credentials()));

        assertEquals("08004", refusal.getSQLState());
        assertTrue(refusal.getMessage().contains("no-such-pg_dump is not installed"), refusal.getMessage());
        assertTrue(refusal.getMessage().contains("install the PostgreSQL client programs"), refusal.getMessage());
        assertFalse(refusal.getMessage().contains("writable"), refusal.getMessage());
        assertEquals(List.of(), dumps());
    }

    @Test
    void aMissingPgRestoreSaysSoForTheBackupAndForTheRestore(PostgresDatabase db) throws Exception {
        accounts(db, "ada");
        Path dump = operator(url(db), db).backup(BackupProgress.NONE);
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("pg_dump"), Paths.get("/usr/bin/pg_dump"));
        System.setProperty("sluice.pgDump", bin.resolve("pg_dump").toString());

        SQLException backup = assertThrows(SQLException.class, () -> Sluice.migrate(
                url(db, "sluice.locations=filesystem:" + pendingMigration(), "sluice.backup=pg_dump"), db.credentials()));
        SluiceException restore = assertThrows(SluiceException.class, () -> operator(url(db), db).restore(dump, false));

        assertTrue(backup.getMessage().contains(bin.resolve("pg_restore") + " is not installed"), backup.getMessage());
        assertFalse(backup.getMessage().contains("writable"), backup.getMessage());
        assertTrue(restore.getMessage().contains(bin.resolve("pg_restore") + " is not installed"), restore.getMessage());
        assertEquals(List.of("1:ada,2:grace"), owners(db));
    }
}
