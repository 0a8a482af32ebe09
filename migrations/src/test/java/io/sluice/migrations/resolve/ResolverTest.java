package io.sluice.migrations.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.migrations.error.Problem;
import io.sluice.migrations.error.SluiceException;
import io.sluice.migrations.model.MigrationType;
import io.sluice.migrations.model.ResolvedMigration;
import io.sluice.migrations.model.Version;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResolverTest {
    @TempDir
    Path temp;

    private static Path write(Path root, String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    /** A jar as the jar tool writes it: the files plus an entry for every folder above them. */
    private static Path jar(Path file, Map<String, String> files) throws IOException {
        TreeSet<String> folders = new TreeSet<>();
        for (String name : files.keySet()) {
            for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
                folders.add(name.substring(0, slash + 1));
            }
        }
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out)) {
            for (String folder : folders) {
                jar.putNextEntry(new JarEntry(folder));
                jar.closeEntry();
            }
            for (Map.Entry<String, String> entry : files.entrySet()) {
                jar.putNextEntry(new JarEntry(entry.getKey()));
                jar.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
        }
        return file;
    }

    private static URLClassLoader loaderOver(Path... roots) throws IOException {
        URL[] urls = new URL[roots.length];
        for (int i = 0; i < roots.length; i++) {
            urls[i] = roots[i].toUri().toURL();
        }
        return new URLClassLoader(urls, null);
    }

    private static List<ResolvedMigration> resolve(ClassLoader loader, String location) throws SluiceException {
        return new Resolver(loader).resolve(List.of(location), true);
    }

    private static List<String> scripts(List<ResolvedMigration> migrations) {
        return migrations.stream().map(ResolvedMigration::script).toList();
    }

    private static ResolvedMigration only(List<ResolvedMigration> migrations) {
        assertEquals(1, migrations.size(), migrations.toString());
        return migrations.get(0);
    }

    // --- filesystem: -----------------------------------------------------------------------------

    @Test
    void filesystemLocationIsListedRecursivelyInVersionOrderWithRepeatablesLast() throws Exception {
        write(temp, "V1__init.sql", "CREATE TABLE a (id INTEGER);");
        write(temp, "sub/V1_1__Add_loans.sql", "CREATE TABLE loans (id INTEGER);");
        write(temp, "V10__ten.sql", "SELECT 10;");
        write(temp, "V2__two.sql", "SELECT 2;");
        write(temp, "deeper/a/b/V9__nine.sql", "SELECT 9;");
        write(temp, "R__views.sql", "SELECT 'views';");
        write(temp, "R__a_first.sql", "SELECT 'first';");
        write(temp, "U2__two.sql", "SELECT 'undo 2';");

        List<ResolvedMigration> found = new Resolver(null).resolve(List.of("filesystem:" + temp), true);

        assertEquals(List.of("V1__init.sql", "sub/V1_1__Add_loans.sql", "V2__two.sql", "U2__two.sql",
            "deeper/a/b/V9__nine.sql", "V10__ten.sql", "R__a_first.sql", "R__views.sql"), scripts(found));
    }

    @Test
    void filesystemMigrationCarriesTypeVersionDescriptionSourceAndChecksum() throws Exception {
        String text = "CREATE TABLE loans (id INTEGER);\r\n";
        Path file = write(temp, "sub/V1_1__Add_loans.sql", text);

        ResolvedMigration migration = only(resolve(null, "filesystem:" + temp));

        assertEquals(MigrationType.SQL, migration.type());
        assertEquals(Version.parse("1.1"), migration.version());
        assertEquals("1.1", migration.version().toString());
        assertEquals("Add loans", migration.description());
        assertEquals("sub/V1_1__Add_loans.sql", migration.script());
        assertEquals("filesystem:" + file.getParent().getParent() + "/sub/V1_1__Add_loans.sql", migration.source());
        assertEquals("CREATE TABLE loans (id INTEGER);\n", migration.text());
        assertEquals(Checksums.sha256("CREATE TABLE loans (id INTEGER);\n"), migration.checksum());
    }

    @Test
    void undoAndRepeatableFilesGetTheirTypes() throws Exception {
        write(temp, "V3__x.sql", "SELECT 1;");
        write(temp, "U3__x.sql", "SELECT 1;");
        write(temp, "R__y.sql", "SELECT 1;");

        Map<String, MigrationType> types = new LinkedHashMap<>();
        Map<String, Version> versions = new LinkedHashMap<>();
        for (ResolvedMigration migration : resolve(null, "filesystem:" + temp)) {
            types.put(migration.script(), migration.type());
            versions.put(migration.script(), migration.version());
        }

        assertEquals(Map.of("V3__x.sql", MigrationType.SQL, "U3__x.sql", MigrationType.UNDO,
            "R__y.sql", MigrationType.REPEATABLE), types);
        assertEquals(Version.parse("3"), versions.get("U3__x.sql"));
        assertNull(versions.get("R__y.sql"));
    }

    @Test
    void aFilesystemLocationThatIsALinkIsFollowedAndSoAreLinkedFoldersInIt() throws Exception {
        Path release = Files.createDirectories(temp.resolve("releases/42"));
        write(release, "V1__init.sql", "SELECT 1;");
        write(temp, "shared/V2__more.sql", "SELECT 2;");
        Files.createSymbolicLink(release.resolve("shared"), temp.resolve("shared"));
        Path current = Files.createSymbolicLink(temp.resolve("current"), release);

        List<ResolvedMigration> found = resolve(null, "filesystem:" + current);

        assertEquals(List.of("V1__init.sql", "shared/V2__more.sql"), scripts(found));
    }

    @Test
    void aLinkBackUpToAFolderAboveIsRefusedNamingItInsteadOfLoopingForever() throws Exception {
        write(temp, "migrations/V1__init.sql", "SELECT 1;");
        Path loop = Files.createSymbolicLink(temp.resolve("migrations/again"), temp.resolve("migrations"));

        SluiceException e = assertThrows(SluiceException.class, () -> resolve(null, "filesystem:" + temp.resolve("migrations")));

        assertEquals(Problem.INVALID_MIGRATION, e.problem());
        assertTrue(e.getMessage().contains(loop.toString()), e.getMessage());
    }

    @Test
    void malformedSqlNamesAndOtherFilesAreIgnored() throws Exception {
        write(temp, "V1__ok.sql", "SELECT 1;");
        write(temp, "V2_missing_double_underscore.sql", "SELECT 1;");
        write(temp, "Vx__not_a_version.sql", "SELECT 1;");
        write(temp, "V1..2__empty_part.sql", "SELECT 1;");
        write(temp, "V3__.sql", "SELECT 1;");
        write(temp, "create_tables.sql", "SELECT 1;");
        write(temp, "R_single.sql", "SELECT 1;");
        write(temp, "v4__lower_case.sql", "SELECT 1;");
        write(temp, "V5__not_sql.txt", "SELECT 1;");
        write(temp, "README.md", "# migrations");

        assertEquals(List.of("V1__ok.sql"), scripts(resolve(null, "filesystem:" + temp)));
    }

    @Test
    void twoFilesWithOneVersionAreRejectedNamingBoth() throws Exception {
        write(temp, "V1__first.sql", "SELECT 1;");
        write(temp, "other/V1__second.sql", "SELECT 2;");

        SluiceException e = assertThrows(SluiceException.class, () -> resolve(null, "filesystem:" + temp));

        assertEquals(Problem.INVALID_MIGRATION, e.problem());
        assertTrue(e.getMessage().contains("V1__first.sql"), e.getMessage());
        assertTrue(e.getMessage().contains("other/V1__second.sql"), e.getMessage());
    }

    @Test
    void twoFilesWithNumericallyEqualVersionsAreRejectedNamingBoth() throws Exception {
        write(temp, "V1__first.sql", "SELECT 1;");
        write(temp, "V1_0__second.sql", "SELECT 2;");

        SluiceException e = assertThrows(SluiceException.class, () -> resolve(null, "filesystem:" + temp));

        assertEquals(Problem.INVALID_MIGRATION, e.problem());
        assertTrue(e.getMessage().contains("V1__first.sql"), e.getMessage());
        assertTrue(e.getMessage().contains("V1_0__second.sql"), e.getMessage());
    }

    @Test
    void twoRepeatablesWithOneDescriptionInDifferentFoldersAreRejected() throws Exception {
        write(temp, "a/R__views.sql", "SELECT 1;");
        write(temp, "b/R__views.sql", "SELECT 2;");

        SluiceException e = assertThrows(SluiceException.class, () -> resolve(null, "filesystem:" + temp));

        assertTrue(e.getMessage().contains("a/R__views.sql") && e.getMessage().contains("b/R__views.sql"),
            e.getMessage());
    }

    @Test
    void versionedAndUndoOfOneVersionDoNotClash() throws Exception {
        write(temp, "V1__x.sql", "SELECT 1;");
        write(temp, "U1__x.sql", "SELECT 1;");

        assertEquals(List.of("V1__x.sql", "U1__x.sql"), scripts(resolve(null, "filesystem:" + temp)));
    }

    @Test
    void explicitMissingFilesystemLocationIsAnInvalidSettingNamingIt() {
        Path missing = temp.resolve("nope");

        SluiceException e = assertThrows(SluiceException.class,
            () -> new Resolver(null).resolve(List.of("filesystem:" + missing), true));

        assertEquals(Problem.INVALID_SETTING, e.problem());
        assertTrue(e.getMessage().contains("filesystem:" + missing), e.getMessage());
        assertTrue(e.getMessage().contains("sluice.locations"), e.getMessage());
    }

    @Test
    void explicitMissingClasspathLocationIsAnInvalidSettingNamingIt() throws Exception {
        try (URLClassLoader loader = loaderOver(temp)) {
            SluiceException e = assertThrows(SluiceException.class,
                () -> new Resolver(loader).resolve(List.of("classpath:db/nowhere"), true));

            assertEquals(Problem.INVALID_SETTING, e.problem());
            assertTrue(e.getMessage().contains("classpath:db/nowhere"), e.getMessage());
        }
    }

    @Test
    void missingDefaultLocationMeansNothingToMigrate() throws Exception {
        try (URLClassLoader loader = loaderOver(temp)) {
            assertEquals(List.of(), new Resolver(loader).resolve(List.of("classpath:db/migration"), false));
        }
        assertEquals(List.of(),
            new Resolver(null).resolve(List.of("filesystem:" + temp.resolve("absent")), false));
    }

    @Test
    void filesOfSeveralLocationsAreMergedInVersionOrder() throws Exception {
        write(temp, "one/V2__b.sql", "SELECT 2;");
        write(temp, "two/V1__a.sql", "SELECT 1;");

        List<ResolvedMigration> found = new Resolver(null)
            .resolve(List.of("filesystem:" + temp.resolve("one"), "filesystem:" + temp.resolve("two")), true);

        assertEquals(List.of("V1__a.sql", "V2__b.sql"), scripts(found));
    }

    // --- classpath: ------------------------------------------------------------------------------

    @Test
    void classpathFolderIsReadThroughTheClassLoader() throws Exception {
        write(temp, "db/migration/V1__init.sql", "CREATE TABLE a (id INTEGER);");
        write(temp, "db/migration/nested/V2__more.sql", "CREATE TABLE b (id INTEGER);");
        write(temp, "db/migration2/V3__sibling_folder.sql", "SELECT 3;");

        try (URLClassLoader loader = loaderOver(temp)) {
            List<ResolvedMigration> found = resolve(loader, "classpath:db/migration");

            assertEquals(List.of("V1__init.sql", "nested/V2__more.sql"), scripts(found));
            assertEquals("classpath:db/migration/nested/V2__more.sql", found.get(1).source());
            assertEquals("CREATE TABLE b (id INTEGER);", found.get(1).text());
        }
    }

    @Test
    void classpathLocationMayBeWrittenWithoutPrefixOrWithSlashes() throws Exception {
        write(temp, "db/migration/V1__init.sql", "SELECT 1;");

        try (URLClassLoader loader = loaderOver(temp)) {
            assertEquals(List.of("V1__init.sql"), scripts(resolve(loader, "db/migration")));
            assertEquals(List.of("V1__init.sql"), scripts(resolve(loader, "classpath:/db/migration/")));
        }
    }

    @Test
    void classpathFolderInsideAJarIsListed() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("db/migration/V1__init.sql", "CREATE TABLE a (id INTEGER);\r\n");
        files.put("db/migration/sub/V2__more.sql", "CREATE TABLE b (id INTEGER);");
        files.put("db/migration/R__views.sql", "SELECT 1;");
        files.put("db/migration2/V3__sibling_folder.sql", "SELECT 3;");
        files.put("db/other/V4__elsewhere.sql", "SELECT 4;");
        Path jar = jar(temp.resolve("app.jar"), files);

        try (URLClassLoader loader = loaderOver(jar)) {
            List<ResolvedMigration> found = resolve(loader, "classpath:db/migration");

            assertEquals(List.of("V1__init.sql", "sub/V2__more.sql", "R__views.sql"), scripts(found));
            assertEquals("classpath:db/migration/sub/V2__more.sql", found.get(1).source());
            assertEquals("CREATE TABLE a (id INTEGER);\n", found.get(0).text());
            assertEquals(Checksums.sha256("CREATE TABLE a (id INTEGER);\n"), found.get(0).checksum());
        }
    }

    @Test
    void springBootStyleNestedFolderInsideAJarIsListed() throws Exception {
        Path jar = jar(temp.resolve("boot.jar"), Map.of(
            "BOOT-INF/classes/db/migration/V1__init.sql", "SELECT 1;",
            "BOOT-INF/classes/db/migration/V2__next.sql", "SELECT 2;",
            "BOOT-INF/lib/readme.txt", "not a migration"));

        try (URLClassLoader loader = loaderOver(jar)) {
            List<ResolvedMigration> found = resolve(loader, "classpath:BOOT-INF/classes/db/migration");

            assertEquals(List.of("V1__init.sql", "V2__next.sql"), scripts(found));
            assertEquals("classpath:BOOT-INF/classes/db/migration/V2__next.sql", found.get(1).source());
        }
    }

    @Test
    void sameFileSeenThroughTwoClassPathRootsCountsOnce() throws Exception {
        Path first = temp.resolve("first");
        Path second = temp.resolve("second");
        write(first, "db/migration/V1__init.sql", "SELECT 1;");
        write(second, "db/migration/V1__init.sql", "SELECT 1;");
        Path jar = jar(temp.resolve("same.jar"), Map.of("db/migration/V1__init.sql", "SELECT 1;"));

        try (URLClassLoader loader = loaderOver(first, second, jar)) {
            ResolvedMigration migration = only(resolve(loader, "classpath:db/migration"));

            assertEquals("V1__init.sql", migration.script());
        }
    }

    @Test
    void differentFilesWithOneVersionInTwoClassPathRootsAreRejectedNamingBoth() throws Exception {
        Path first = temp.resolve("first");
        Path second = temp.resolve("second");
        write(first, "db/migration/V1__init.sql", "SELECT 1;");
        write(second, "db/migration/V1__other.sql", "SELECT 2;");

        try (URLClassLoader loader = loaderOver(first, second)) {
            SluiceException e = assertThrows(SluiceException.class, () -> resolve(loader, "classpath:db/migration"));

            assertEquals(Problem.INVALID_MIGRATION, e.problem());
            assertTrue(e.getMessage().contains("classpath:db/migration/V1__init.sql"), e.getMessage());
            assertTrue(e.getMessage().contains("classpath:db/migration/V1__other.sql"), e.getMessage());
        }
    }

    // --- Java migrations -------------------------------------------------------------------------

    @Test
    void javaMigrationClassIsResolvedWithoutChecksum() throws Exception {
        ResolvedMigration migration = only(resolve(getClass().getClassLoader(), "classpath:db/javamig"));

        assertEquals(MigrationType.JAVA, migration.type());
        assertEquals(Version.parse("2"), migration.version());
        assertEquals("Backfill", migration.description());
        assertEquals("db.javamig.V2__Backfill", migration.script());
        assertNull(migration.checksum());
        assertNull(migration.text());
    }

    @Test
    void javaMigrationAndSqlScriptOfOneVersionClash() throws Exception {
        write(temp, "db/javamig/V2__Backfill_in_sql.sql", "SELECT 2;");

        try (URLClassLoader loader = new URLClassLoader(new URL[] {temp.toUri().toURL()}, getClass().getClassLoader())) {
            SluiceException e = assertThrows(SluiceException.class, () -> resolve(loader, "classpath:db/javamig"));

            assertTrue(e.getMessage().contains("V2__Backfill"), e.getMessage());
            assertTrue(e.getMessage().contains("V2__Backfill_in_sql.sql"), e.getMessage());
        }
    }

    // --- fingerprints ------------------------------------------------------------------------------

    private static ResolvedMigration resolveOnce(Path jar, Fingerprints cache) throws Exception {
        try (URLClassLoader loader = loaderOver(jar)) {
            ResolvedMigration found = only(new Resolver(loader).fingerprints(cache, true)
                    .resolve(List.of("classpath:db/migration"), true));
            found.text();
            return found;
        }
    }

    @Test
    void aJarEntryWithItsRecordedSizeAndCrcIsNotReadAgain() throws Exception {
        Path jar = jar(temp.resolve("app.jar"), Map.of("db/migration/V1__init.sql", "CREATE TABLE a (id INTEGER);\n"));
        Fingerprints first = Fingerprints.in(temp);
        ResolvedMigration read = resolveOnce(jar, first);
        first.save();

        ResolvedMigration again = resolveOnce(jar, Fingerprints.in(temp));
        assertEquals(read.checksum(), again.checksum());
        assertFalse(read.wasReadLate());
        assertTrue(again.wasReadLate(), "the second resolve took the checksum from the fingerprint");
    }

    @Test
    void aJarEntryOfTheSameSizeWithAnotherCrcIsReadAndHashedAgain() throws Exception {
        Path jar = jar(temp.resolve("app.jar"), Map.of("db/migration/V1__init.sql", "CREATE TABLE a (id INTEGER);\n"));
        Fingerprints first = Fingerprints.in(temp);
        ResolvedMigration before = resolveOnce(jar, first);
        first.save();
        jar(jar, Map.of("db/migration/V1__init.sql", "CREATE TABLE b (id INTEGER);\n"));

        // The JDK keeps a jar it opened through a jar: URL; a rewritten jar is what a new JVM would see.
        URLConnection.setDefaultUseCaches("jar", false);
        ResolvedMigration after;
        try {
            after = resolveOnce(jar, Fingerprints.in(temp));
        } finally {
            URLConnection.setDefaultUseCaches("jar", true);
        }
        assertFalse(after.wasReadLate());
        assertEquals(Checksums.sha256("CREATE TABLE b (id INTEGER);\n"), after.checksum());
        assertFalse(before.checksum().equals(after.checksum()));
    }

    @Test
    void aFileChangedWithinTheLastSecondsHasNoFingerprintAndIsAlwaysRead() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("sql"));
        write(folder, "V1__init.sql", "CREATE TABLE a (id INTEGER);\n");
        Fingerprints first = Fingerprints.in(temp);
        new Resolver(null).fingerprints(first, true).resolve(List.of("filesystem:" + folder), true);
        first.save();

        ResolvedMigration again = only(new Resolver(null).fingerprints(Fingerprints.in(temp), true)
                .resolve(List.of("filesystem:" + folder), true));
        again.text();
        assertFalse(again.wasReadLate());
    }
}
