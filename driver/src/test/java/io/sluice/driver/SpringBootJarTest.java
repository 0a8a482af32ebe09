package io.sluice.driver;

import io.sluice.migrations.connect.GatedDatabase;
import io.sluice.testing.BootJar;
import io.sluice.testing.JavaProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.JDBC;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An app packaged as a Spring Boot executable jar, started by Spring Boot's own launcher: its
 * migrations sit in {@code BOOT-INF/classes/db/migration}, Sluice and sqlite-jdbc in nested jars
 * under {@code BOOT-INF/lib}, all read through Spring Boot's nested-jar class loader.
 */
class SpringBootJarTest {
    @TempDir
    Path dir;

    @Test
    void migrationsInsideASpringBootExecutableJarAreFoundAppliedOnceAndTheAppGetsSqliteJdbcsConnection()
            throws Exception {
        Path app = BootJar.startingWith(GatedApp.class)
                .withResource("db/migration/V1__accounts.sql",
                        "CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner TEXT NOT NULL);")
                .withResource("db/migration/V2__accounts_owner.sql", "CREATE INDEX accounts_owner ON accounts (owner);")
                .withLibrariesOf(SluiceDriver.class, GatedDatabase.class, JDBC.class)
                .writeTo(dir.resolve("app.jar"));
        String url = "jdbc:sluice:sqlite:" + dir.resolve("boot.db");

        JavaProcess.Result first = BootJar.launch(app).args(url).run(dir.resolve("first.log"), Duration.ofMinutes(1));
        JavaProcess.Result second = BootJar.launch(app).args(url).run(dir.resolve("second.log"), Duration.ofMinutes(1));

        assertEquals(0, first.exitCode(), first.output());
        assertTrue(first.output().contains("migrated v0 -> v2"), first.output());
        assertTrue(first.output().contains("history-rows=2"), first.output());
        assertTrue(first.output().contains("connection-class=org.sqlite.jdbc4.JDBC4Connection"), first.output());
        assertEquals(0, second.exitCode(), second.output());
        assertTrue(second.output().contains("nothing pending") && second.output().contains("history-rows=2"),
                second.output());
    }
}
