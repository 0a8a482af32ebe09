package io.sluice.migrations.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupFilesTest {
    private static final Instant NOW = Instant.parse("2025-03-04T05:06:07Z");

    @TempDir
    Path temp;

    private BackupFiles files(String stem) {
        return files(stem, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private BackupFiles files(String stem, Clock clock) {
        return new BackupFiles(temp.resolve("backups"), stem, ".db", identity(stem), clock);
    }

    /** The database {@code <stem>.db} in the test's folder. */
    private DatabaseIdentity identity(String stem) {
        return DatabaseIdentity.ofFile("sqlite", temp.resolve(stem + ".db"));
    }

    private static Path writeBackup(BackupFiles files, String content, String reason) throws IOException {
        Path temporary = files.createTemporary();
        Files.writeString(temporary, content);
        return files.publish(temporary, reason,
            BackupMetadata.of(temporary, files.identity(), BackupMetadata.Kind.VERIFIED, reason));
    }

    /** A backup of {@code <stem>.db} as Sluice leaves it: the file and its metadata, named by the name's stem. */
    private Path existing(String name, String content) throws IOException {
        return existing(name, content, identity(name.replaceFirst("-\\d{8}T\\d{6}Z-.*", "")));
    }

    private Path existing(String name, String content, DatabaseIdentity of) throws IOException {
        Path file = withoutMetadata(name, content);
        try (var out = Files.newBufferedWriter(BackupMetadata.sidecar(file))) {
            BackupMetadata.of(file, of, BackupMetadata.Kind.VERIFIED, "v0-to-v1").write(out);
        }
        return file;
    }

    private Path withoutMetadata(String name, String content) throws IOException {
        Path file = temp.resolve("backups").resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    private static List<String> names(List<Path> files) {
        return files.stream().map(file -> file.getFileName().toString()).toList();
    }

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    // --- names -----------------------------------------------------------------------------------

    @Test
    void publishedNameIsStemUtcTimeAndReason() throws Exception {
        Path backup = writeBackup(files("app"), "copy", "v1-to-v3");

        assertEquals(temp.resolve("backups/app-20250304T050607Z-v1-to-v3.db"), backup);
        assertEquals("copy", Files.readString(backup));
    }

    @Test
    void timeInTheNameIsUtcWhateverTheClockZone() throws Exception {
        Clock tokyo = Clock.fixed(NOW, ZoneId.of("Asia/Tokyo"));

        Path backup = writeBackup(files("app", tokyo), "copy", "manual-v2");

        assertEquals("app-20250304T050607Z-manual-v2.db", backup.getFileName().toString());
    }

    @Test
    void takenNameGetsSuffixTwoThenThreeAndTheExistingFileIsUntouched() throws Exception {
        byte[] original = "the first backup".getBytes(StandardCharsets.UTF_8);
        Path first = existing("app-20250304T050607Z-v1-to-v2.db", "the first backup");
        BackupFiles files = files("app");

        Path second = writeBackup(files, "second", "v1-to-v2");
        Path third = writeBackup(files, "third", "v1-to-v2");

        assertEquals("app-20250304T050607Z-v1-to-v2-2.db", second.getFileName().toString());
        assertEquals("app-20250304T050607Z-v1-to-v2-3.db", third.getFileName().toString());
        assertArrayEquals(original, Files.readAllBytes(first));
        assertEquals("second", Files.readString(second));
        assertEquals("third", Files.readString(third));
    }

    @Test
    void publishingRemovesTheTemporaryFile() throws Exception {
        BackupFiles files = files("app");
        Path temporary = files.createTemporary();

        files.publish(temporary, "v0-to-v1",
            BackupMetadata.of(temporary, files.identity(), BackupMetadata.Kind.VERIFIED, "v0-to-v1"));

        assertFalse(Files.exists(temporary));
        try (var left = Files.list(temp.resolve("backups"))) {
            assertEquals(List.of("app-20250304T050607Z-v0-to-v1.db", "app-20250304T050607Z-v0-to-v1.db.meta"),
                left.map(file -> file.getFileName().toString()).sorted().toList());
        }
    }

    // --- permissions -----------------------------------------------------------------------------

    @Test
    void temporaryFileIsHiddenOwnerOnlyAndMatchesNoListing() throws Exception {
        BackupFiles files = files("app");

        Path temporary = files.createTemporary();

        assertTrue(temporary.getFileName().toString().startsWith("."), temporary.toString());
        assertTrue(temporary.getFileName().toString().endsWith(".partial"), temporary.toString());
        assertEquals(temp.resolve("backups"), temporary.getParent());
        assertEquals("rw-------", mode(temporary));
        assertEquals(0, Files.size(temporary));
        assertEquals(List.of(), files.list());
    }

    @Test
    void twoTemporaryFilesDoNotCollide() throws Exception {
        BackupFiles files = files("app");

        assertFalse(files.createTemporary().equals(files.createTemporary()));
    }

    @Test
    void createdBackupFolderIsOwnerOnly() throws Exception {
        files("app").createTemporary();

        assertEquals("rwx------", mode(temp.resolve("backups")));
    }

    @Test
    void publishedBackupKeepsOwnerOnlyMode() throws Exception {
        Path backup = writeBackup(files("app"), "copy", "v0-to-v1");

        assertEquals("rw-------", mode(backup));
    }

    // --- listing and retention -------------------------------------------------------------------

    @Test
    void listHoldsOnlyThisStemsBackupsOldestFirst() throws Exception {
        existing("app-20250103T000000Z-v2-to-v3.db", "c");
        existing("app-20250101T000000Z-v0-to-v1.db", "a");
        existing("app-20250102T000000Z-manual-v1.db", "b");
        existing("app-old-20250101T120000Z-v0-to-v1.db", "other database");
        existing("app-20250104T000000Z-v3-to-v4.dump", "other extension");
        withoutMetadata(".app-123456.db.partial", "unfinished");
        withoutMetadata("app-20250105T000000Z-v3-to-v4.db.partial", "unfinished");
        withoutMetadata("app.db", "not a backup");
        withoutMetadata("notes.txt", "not a backup");

        assertEquals(List.of("app-20250101T000000Z-v0-to-v1.db", "app-20250102T000000Z-manual-v1.db",
            "app-20250103T000000Z-v2-to-v3.db"), names(files("app").list()));
    }

    @Test
    void listOfTheOtherStemHoldsOnlyItsOwn() throws Exception {
        existing("app-20250101T000000Z-v0-to-v1.db", "a");
        existing("app-old-20250101T120000Z-v0-to-v1.db", "other database");

        assertEquals(List.of("app-old-20250101T120000Z-v0-to-v1.db"), names(files("app-old").list()));
    }

    @Test
    void listOfAMissingFolderIsEmpty() throws Exception {
        assertEquals(List.of(), files("app").list());
        assertFalse(Files.exists(temp.resolve("backups")));
    }

    @Test
    void pruneDeletesOnlyTheOldestBeyondTheLimit() throws Exception {
        Path oldest = existing("app-20250101T000000Z-v0-to-v1.db", "1");
        Path older = existing("app-20250102T000000Z-v1-to-v2.db", "2");
        Path newer = existing("app-20250103T000000Z-v2-to-v3.db", "3");
        Path newest = existing("app-20250104T000000Z-v3-to-v4.db", "4");
        Path otherStem = existing("app-old-20240101T000000Z-v0-to-v1.db", "other");
        Path partial = withoutMetadata(".app-1.db.partial", "unfinished");

        List<Path> deleted = files("app").prune(2);

        assertEquals(List.of(oldest, older), deleted);
        assertFalse(Files.exists(oldest));
        assertFalse(Files.exists(older));
        assertTrue(Files.exists(newer));
        assertTrue(Files.exists(newest));
        assertTrue(Files.exists(otherStem));
        assertTrue(Files.exists(partial));
    }

    @Test
    void pruneWithinTheLimitDeletesNothing() throws Exception {
        existing("app-20250101T000000Z-v0-to-v1.db", "1");
        existing("app-20250102T000000Z-v1-to-v2.db", "2");

        assertEquals(List.of(), files("app").prune(2));
        assertEquals(2, files("app").list().size());
    }

    // --- identity -------------------------------------------------------------------------------

    /** Two databases both called app.db, in two folders, one backup folder. */
    private BackupFiles appIn(String folder) throws IOException {
        Path database = Files.createDirectories(temp.resolve(folder)).resolve("app.db");
        return new BackupFiles(temp.resolve("backups"), "app", ".db", DatabaseIdentity.ofFile("sqlite", database),
            Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void twoAppDatabasesSharingAFolderListAndPruneOnlyTheirOwn() throws Exception {
        BackupFiles first = appIn("one");
        BackupFiles second = appIn("two");
        Path a1 = writeBackup(first, "1a", "v0-to-v1");
        Path b1 = writeBackup(second, "1b", "v0-to-v1");
        Path a2 = writeBackup(first, "2a", "v1-to-v2");
        Path b2 = writeBackup(second, "2b", "v1-to-v2");

        assertEquals(List.of(a1, a2), first.list());
        assertEquals(List.of(b1, b2), second.list());

        assertEquals(List.of(a1), first.prune(1));
        assertFalse(Files.exists(a1));
        assertFalse(Files.exists(BackupMetadata.sidecar(a1)));
        assertTrue(Files.exists(b1) && Files.exists(b2), "the other database's backups were deleted");
        assertEquals(List.of(b1, b2), second.list());
    }

    @Test
    void aBackupWithoutMetadataIsNeitherListedNorPruned() throws Exception {
        Path unknown = withoutMetadata("app-20240101T000000Z-v0-to-v1.db", "from an older Sluice");
        writeBackup(files("app"), "new", "v1-to-v2");

        files("app").prune(0);

        assertTrue(Files.exists(unknown));
        assertEquals(List.of(), files("app").list());
    }

    @Test
    void staleTemporaryFilesOfThisDatabaseAreRemovedAndOthersKept() throws Exception {
        BackupFiles first = appIn("one");
        BackupFiles second = appIn("two");
        Path mine = first.createTemporary();
        Path theirs = second.createTemporary();
        Path unrelated = withoutMetadata(".other-123.db.partial", "someone else's");

        first.removeStalePartials();

        assertFalse(Files.exists(mine));
        assertTrue(Files.exists(theirs));
        assertTrue(Files.exists(unrelated));
    }

    @Test
    void metadataLeftWithoutItsBackupIsRemovedByPrune() throws Exception {
        Path backup = writeBackup(files("app"), "copy", "v0-to-v1");
        Files.delete(backup);

        files("app").prune(10);

        assertFalse(Files.exists(BackupMetadata.sidecar(backup)));
    }

    @Test
    void theReusableBackupIsTheNewestVerifiedOneOfThatReasonAndOnlyWhileUndamaged() throws Exception {
        BackupFiles files = files("app");
        Path temporary = files.createTemporary();
        Files.writeString(temporary, "copy");
        Path backup = files.publish(temporary, "v0-to-v1",
            BackupMetadata.of(temporary, files.identity(), BackupMetadata.Kind.VERIFIED, "v0-to-v1"));

        assertEquals(backup, files.reusable("v0-to-v1"));
        assertEquals(null, files.reusable("manual-v0"), "another reason");

        Files.writeString(backup, "cop!");
        assertEquals(null, files.reusable("v0-to-v1"), "a damaged backup stands for nothing");
    }

    @Test
    void aPlainCopyIsNeverReusable() throws Exception {
        BackupFiles files = files("app");
        Path temporary = files.createTemporary();
        Files.writeString(temporary, "copy");
        files.publish(temporary, "v0-to-v1",
            BackupMetadata.of(temporary, files.identity(), BackupMetadata.Kind.PLAIN_COPY, "v0-to-v1"));

        assertEquals(null, files.reusable("v0-to-v1"));
    }
}
