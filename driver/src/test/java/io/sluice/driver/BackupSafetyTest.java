package io.sluice.driver;

import io.sluice.Sluice;
import io.sluice.migrations.backup.BackupMetadata;
import io.sluice.migrations.connect.GatedDatabase;
import io.sluice.migrations.dialect.BackupProgress;
import io.sluice.migrations.error.Problem;
import io.sluice.migrations.error.SluiceException;
import io.sluice.migrations.ops.Operator;
import io.sluice.testing.JavaProcess;
import io.sluice.testing.SqliteDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Restore, backup identity, crash loops and backup failures on real SQLite files (issue 14). */
class BackupSafetyTest {
    private static final String BROKEN = "INSERT INTO loans (user_id, amount) SELECT id, 1 FROM no_such_table;";

    @TempDir
    Path dir;

    private static Operator operator(String url) throws SQLException {
        return new Operator(GatedDatabase.resolve(url, new Properties()));
    }

    private static String content(LegacyDatabase db) throws Exception {
        return SqliteDigest.of(db.plainUrl(), SqliteDigest.tables(db.plainUrl()));
    }

    private static String content(Path file) throws Exception {
        String url = "jdbc:sqlite:" + file;
        return SqliteDigest.of(url, SqliteDigest.tables(url));
    }

    /** A migrated database and a manual backup of it; then the database moves on (V2). */
    private Path backupThenMoveOn(LegacyDatabase db) throws Exception {
        db.migration("V1__cashback.sql", "CREATE TABLE cashback (id INTEGER PRIMARY KEY, user_id INTEGER);");
        Sluice.migrate(db.sluiceUrl(), new Properties());
        Path backup = operator(db.sluiceUrl()).backup(BackupProgress.NONE);
        db.migration("V2__more.sql", "INSERT INTO cashback (user_id) SELECT id FROM users;");
        Sluice.migrate(db.sluiceUrl(), new Properties());
        return backup;
    }

    private List<Path> filesIn(Path folder, String suffix) throws Exception {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    // --- restore checks the file before touching anything ---------------------------------------

    @Test
    void restoreRefusesABackupWithFlippedBytesAndLeavesTheDatabaseUntouched() throws Exception {
        LegacyDatabase db = new LegacyDatabase(dir).seeded();
        Path backup = backupThenMoveOn(db);
        FileFaults.flipBytes(backup, Files.size(backup) / 2, 16);
        String before = content(db);
        int backups = db.backupFiles().size();

        SluiceException refusal = assertThrows(SluiceException.class, () -> operator(db.sluiceUrl()).restore(backup, false));

        assertEquals(Problem.RESTORE_REFUSED, refusal.problem());
        assertTrue(refusal.getMessage().startsWith(backup + " was changed or damaged since it was taken"), refusal.getMessage());
        assertEquals(before, content(db));
        assertEquals(backups, db.backupFiles().size(), "a refused restore took a pre-restore backup");
    }

    @Test
    void restoreRefusesADamagedBackupWithoutMetadataEvenWhenForced() throws Exception {
        LegacyDatabase db = new LegacyDatabase(dir).seeded();
        Path backup = backupThenMoveOn(db);
        Files.delete(BackupMetadata.sidecar(backup));
        FileFaults.flipBytes(backup, 4096, 64); // the first table's root page
        String before = content(db);

        SluiceException refusal = assertThrows(SluiceException.class, () -> operator(db.sluiceUrl()).restore(backup, true));

        assertEquals(Problem.RESTORE_REFUSED, refusal.problem());
        assertTrue(refusal.getMessage().startsWith(backup + " is damaged: SQLite's integrity_check says"), refusal.getMessage());
        assertEquals(before, content(db));
    }

    @Test
    void restoreRefusesAFileThatIsNoSqliteDatabase() throws Exception {
        LegacyDatabase db = new LegacyDatabase(dir).seeded();
        backupThenMoveOn(db);
        Path random = dir.resolve("random.db");
        byte[] bytes = new byte[64 * 1024];
        new java.util.Random(14).nextBytes(bytes);
        Files.write(random, bytes);
        String before = content(db);

        SluiceException refusal = assertThrows(SluiceException.class, () -> operator(db.sluiceUrl()).restore(random, true));

        assertEquals(Problem.RESTORE_REFUSED, refusal.problem());
        assertTrue(refusal.getMessage().startsWith(random + " is not a SQLite database"), refusal.getMessage());
        assertEquals(before, content(db));
    }

    @Test
    void restoreRefusesABackupOfAnotherAppDbUnlessForced() throws Exception {
        Path shared = dir.resolve("shared-backups");
        LegacyDatabase one = new LegacyDatabase(Files.createDirectories(dir.resolve("one"))).seeded();
        LegacyDatabase two = new LegacyDatabase(Files.createDirectories(dir.resolve("two"))).seeded();
        try (Connection c = DriverManager.getConnection(two.plainUrl()); Statement s = c.createStatement()) {
            s.execute("UPDATE users SET name = 'only in two' WHERE id = 7");
        }
        String backupDir = "sluice.backupDir=" + shared;
        Path ofTwo = operator(two.sluiceUrl(backupDir)).backup(BackupProgress.NONE);
        String oneBefore = content(one);

        SluiceException refusal = assertThrows(SluiceException.class,
                () -> operator(one.sluiceUrl(backupDir)).restore(ofTwo, false));

        assertEquals(Problem.RESTORE_REFUSED, refusal.problem());
        assertTrue(refusal.getMessage().contains("is a backup of " + two.file.toRealPath() + ", not of " + one.file.toRealPath()),
                refusal.getMessage());
        assertTrue(refusal.getMessage().contains("--force-other-database"), refusal.getMessage());
        assertEquals(oneBefore, content(one));

        Path before = operator(one.sluiceUrl(backupDir)).restore(ofTwo, true);
        assertEquals(content(two), content(one));
        assertEquals(oneBefore, content(before));
    }

    @Test
    void restoreOverACorruptDatabaseKeepsAPlainCopyOfItFirst() throws Exception {
        LegacyDatabase db = new LegacyDatabase(dir).seeded();
        Path backup = backupThenMoveOn(db);
        String backedUp = content(backup);
        FileFaults.flipBytes(db.file, 4096, 64);
        assertNotEquals("ok", integrity(db.plainUrl()), "the database was not damaged");
        byte[] damaged = Files.readAllBytes(db.file);

        Path before = operator(db.sluiceUrl()).restore(backup, false);

        assertEquals(BackupMetadata.Kind.PLAIN_COPY, BackupMetadata.read(before).kind());
        assertArrayEquals(damaged, Files.readAllBytes(before), "the pre-restore copy is not what was there");
        assertTrue(before.getFileName().toString().contains("-pre-restore-v"), before.toString());
        assertEquals("ok", integrity(db.plainUrl()));
        assertEquals(backedUp, content(db));
    }

    @Test
    void retentionOfThePreRestoreBackupSparesTheBackupBeingRestored() throws Exception {
        LegacyDatabase db = new LegacyDatabase(dir).seeded();
        String url = db.sluiceUrl("sluice.backupRetain=1");
        Path backup = operator(url).backup(BackupProgress.NONE);
        String backedUp = content(db);
        try (Connection c = DriverManager.getConnection(db.plainUrl()); Statement s = c.createStatement()) {
            s.execute("DELETE FROM payments");
        }

        Path before = operator(url).restore(backup, false);

        assertEquals(backedUp, content(db));
        assertTrue(Files.exists(before));
    }

    private static String integrity(String url) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             var rs = s.executeQuery("PRAGMA integrity_check")) {
            return rs.next() ? rs.getString(1) : "";
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    // --- two databases named app.db, one backup folder -----------------------------------------

    @Test
    void twoAppDbsSharingABackupDirKeepAndListOnlyTheirOwnBackups() throws Exception {
        Path shared = dir.resolve("shared-backups");
        LegacyDatabase one = new LegacyDatabase(Files.createDirectories(dir.resolve("one"))).seeded();
        LegacyDatabase two = new LegacyDatabase(Files.createDirectories(dir.resolve("two"))).seeded();
        String[] settings = {"sluice.backupDir=" + shared, "sluice.backupRetain=1"};
        for (int version = 1; version <= 3; version++) {
            for (LegacyDatabase db : List.of(one, two)) {
                db.migration("V" + version + "__t" + version + ".sql", "CREATE TABLE t" + version + " (id INTEGER);");
                Sluice.migrate(db.sluiceUrl(settings), new Properties());
            }
        }

        List<Path> ofOne = operator(one.sluiceUrl(settings)).backups();
        List<Path> ofTwo = operator(two.sluiceUrl(settings)).backups();
        assertEquals(1, ofOne.size(), ofOne.toString());
        assertEquals(1, ofTwo.size(), ofTwo.toString());
        assertNotEquals(ofOne, ofTwo);
        assertEquals(2, filesIn(shared, ".db").size(), "retention of one deleted the other's backups");
        assertTrue(ofOne.get(0).getFileName().toString().endsWith("-v2-to-v3.db"), ofOne.toString());
    }

    // --- crash loops ----------------------------------------------------------------------------

    @Test
    void aStartThatFailsAgainAndAgainWritesNoNewBackup() throws Exception {
        LegacyDatabase db = new LegacyDatabase(dir).seeded();
        db.migration("V1__cashback.sql", "CREATE TABLE cashback (id INTEGER PRIMARY KEY);");
        db.migration("V2__broken.sql", BROKEN);
        List<String> messages = new ArrayList<>();
        for (int start = 0; start < 5; start++) {
            messages.add(assertThrows(SQLException.class, () -> Sluice.migrate(db.sluiceUrl(), new Properties())).getMessage());
        }

        List<Path> backups = db.backupFiles();
        assertEquals(2, backups.size(), "one before V1 was applied, one after; then none: " + backups);
        for (String message : messages.subList(1, 5)) {
            assertTrue(message.contains("backup " + backups.get(1)), message);
        }
        assertEquals(5, db.count("SELECT COUNT(*) FROM sluice_schema_history WHERE version = '2' AND success = 0"));
    }

    @Test
    void retentionBoundsTheBackupsOfFailedStartsWhenTheDatabaseKeepsChanging() throws Exception {
        LegacyDatabase db = new LegacyDatabase(dir).seeded();
        db.migration("V1__broken.sql", BROKEN);
        for (int start = 0; start < 6; start++) {
            try (Connection c = DriverManager.getConnection(db.plainUrl()); Statement s = c.createStatement()) {
                s.execute("UPDATE users SET name = 'renamed " + start + "' WHERE id = 1"); // another writer between starts
            }
            assertThrows(SQLException.class, () -> Sluice.migrate(db.sluiceUrl("sluice.backupRetain=3"), new Properties()));
        }

        assertEquals(3, db.backupFiles().size(), db.backupFiles().toString());
        assertEquals(3, filesIn(db.backups(), ".meta").size());
    }

    @Test
    void temporaryFilesOfAKilledBackupAreRemovedByTheNextStart() throws Exception {
        LegacyDatabase db = new LegacyDatabase(dir).seeded();
        try (Connection c = DriverManager.getConnection(db.plainUrl());
             PreparedStatement insert = c.prepareStatement("INSERT INTO payments (loan_id, amount) VALUES (1, ?)")) {
            c.setAutoCommit(false);
            for (int i = 0; i < 200_000; i++) {
                insert.setInt(1, i);
                insert.addBatch();
            }
            insert.executeBatch();
            c.createStatement().execute("CREATE TABLE padding AS SELECT randomblob(200) AS b FROM payments");
            c.commit();
        }
        db.migration("V1__cashback.sql", "CREATE TABLE cashback (id INTEGER PRIMARY KEY);");

        Process app = JavaProcess.of(GatedApp.class).args(db.sluiceUrl()).start(dir.resolve("app.log"));
        Path partial = awaitPartial(db.backups(), app);
        app.destroyForcibly().waitFor(1, TimeUnit.MINUTES);
        assertTrue(Files.exists(partial), "the kill came too late to leave a partial file");

        Sluice.migrate(db.sluiceUrl(), new Properties());

        assertEquals(List.of(), filesIn(db.backups(), ".partial"));
        assertEquals(1, db.backupFiles().size());
    }

    private static Path awaitPartial(Path folder, Process app) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < deadline && app.isAlive()) {
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.list(folder)) {
                    Path found = files.filter(f -> f.getFileName().toString().endsWith(".partial")).findFirst().orElse(null);
                    if (found != null) {
                        return found;
                    }
                }
            }
            TimeUnit.MILLISECONDS.sleep(1);
        }
        throw new AssertionError("the app never started a backup");
    }

    // --- a database that cannot be written ------------------------------------------------------

    private void refusedAsReadOnlyBeforeAnyBackup(LegacyDatabase db, String url, String why) throws Exception {
        db.migration("V1__cashback.sql", "CREATE TABLE cashback (id INTEGER PRIMARY KEY);");
        String before = content(db);

        SQLException refusal = assertThrows(SQLException.class, () -> DriverManager.getConnection(url));

        assertEquals("08004", refusal.getSQLState());
        String message = refusal.getMessage();
        assertTrue(message.contains("The database " + db.file + " cannot be written: " + why), message);
        assertTrue(message.contains("nothing was backed up or applied"), message);
        assertFalse(message.contains("the gate's own query failed"), message);
        assertEquals(List.of(), db.backupFiles(), "a backup was taken of a database that cannot be migrated");
        assertEquals(before, content(db));
    }

    @Test
    void aDatabaseOpenedReadOnlyIsRefusedBeforeAnyBackup() throws Exception {
        LegacyDatabase db = new LegacyDatabase(dir).seeded();
        refusedAsReadOnlyBeforeAnyBackup(db, db.sluiceUrl("open_mode=1"), "SQLite opened it read-only");
    }

    @Test
    void aReadOnlyFileIsRefusedBeforeAnyBackup() throws Exception {
        LegacyDatabase db = new LegacyDatabase(dir).seeded();
        try (AutoCloseable readOnly = FileFaults.readOnly(db.file)) {
            refusedAsReadOnlyBeforeAnyBackup(db, db.sluiceUrl(), "the file is read-only for this process");
        }
    }

    @Test
    void aDatabaseInAReadOnlyFolderIsRefusedBeforeAnyBackup() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("data"));
        LegacyDatabase db = new LegacyDatabase(folder).seeded();
        db.migration("V1__cashback.sql", "CREATE TABLE cashback (id INTEGER PRIMARY KEY);");
        String url = db.sluiceUrl("sluice.backupDir=" + dir.resolve("backups"));
        try (AutoCloseable readOnly = FileFaults.readOnly(folder)) {
            refusedAsReadOnlyBeforeAnyBackup(db, url, "its folder " + folder + " is read-only");
        }
        assertEquals(List.of(), filesIn(dir.resolve("backups"), ".db"));
    }

    // --- a backup that cannot be written says why ----------------------------------------------

    @Test
    void aBackupFolderTheAppMayNotWriteIsNamedWithThatAdvice() throws Exception {
        LegacyDatabase db = new LegacyDatabase(dir).seeded();
        db.migration("V1__cashback.sql", "CREATE TABLE cashback (id INTEGER PRIMARY KEY);");
        Path backups = Files.createDirectories(dir.resolve("backups"));
        try (AutoCloseable readOnly = FileFaults.readOnly(backups)) {
            SQLException refusal = assertThrows(SQLException.class, () -> Sluice.migrate(db.sluiceUrl(), new Properties()));

            assertEquals("08004", refusal.getSQLState());
            assertTrue(refusal.getMessage().contains("Backup into " + backups + " failed, nothing was changed: this process "
                    + "may not write there"), refusal.getMessage());
            assertTrue(refusal.getMessage().contains("make the folder writable"), refusal.getMessage());
        }
        assertEquals(0, db.count("SELECT COUNT(*) FROM sqlite_master WHERE name = 'cashback'"));
    }

    @Test
    void aFullDiskIsNamedAsAFullDisk() throws Exception {
        LegacyDatabase db = new LegacyDatabase(dir).seeded();
        db.migration("V1__cashback.sql", "CREATE TABLE cashback (id INTEGER PRIMARY KEY);");
        Path backups = Files.createDirectories(dir.resolve("small-disk"));
        List<String> java = List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), GatedApp.class.getName(), db.sluiceUrl("sluice.backupDir=" + backups));
        Process app = new ProcessBuilder(FileFaults.onSmallDisk(backups, 16, java)).redirectErrorStream(true)
                .redirectOutput(dir.resolve("app.log").toFile()).start();
        assertTrue(app.waitFor(2, TimeUnit.MINUTES));
        String output = Files.readString(dir.resolve("app.log"));

        assertEquals(3, app.exitValue(), output);
        assertTrue(output.contains("sqlstate=08004"), output);
        assertTrue(output.contains("failed, nothing was changed: the disk is full"), output);
        assertTrue(output.contains("free space, or set sluice.backupDir"), output);
        assertEquals(0, db.count("SELECT COUNT(*) FROM sqlite_master WHERE name = 'cashback'"));
    }
}
