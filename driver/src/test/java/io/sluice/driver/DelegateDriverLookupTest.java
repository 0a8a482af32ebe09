package io.sluice.driver;

import io.sluice.testing.JavaProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Finding the application's own driver, in JVMs whose class path differs from the tests'. */
class DelegateDriverLookupTest {
    @TempDir
    Path dir;

    @Test
    void noDelegateDriverOnTheClassPathListsTheDriversSeen() throws Exception {
        LegacyDatabase db = new LegacyDatabase(dir).withStandardMigrations();
        JavaProcess.Result result = JavaProcess.of(GatedApp.class).classPath(withoutSqlite()).args(db.sluiceUrl())
                .run(dir.resolve("app.log"), Duration.ofMinutes(1));

        assertEquals(3, result.exitCode(), result.output());
        assertTrue(result.output().contains("sqlstate=08001"), result.output());
        assertTrue(result.output().contains("No JDBC driver accepts jdbc:sqlite:") && result.output().contains("drivers seen"),
                result.output());
        assertFalse(Files.exists(db.file), "a database file was created");
    }

    @Test
    void aDriverOnlyTheContextClassLoaderSeesIsStillFound() throws Exception {
        LegacyDatabase db = new LegacyDatabase(dir).seeded().withStandardMigrations();
        String sqliteJar = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.contains("sqlite-jdbc")).findFirst().orElseThrow();

        JavaProcess.Result result = JavaProcess.of(ServletContainerApp.class).classPath(withoutSqlite())
                .args(db.sluiceUrl(), sqliteJar).run(dir.resolve("container.log"), Duration.ofMinutes(1));

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("connection-class=org.sqlite.jdbc4.JDBC4Connection"), result.output());
        assertEquals(50, db.count("SELECT COUNT(*) FROM cashback_account"));
    }

    private static String withoutSqlite() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("sqlite-jdbc")).collect(Collectors.joining(File.pathSeparator));
    }
}
