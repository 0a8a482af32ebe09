package io.sluice.spring;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.sql.init.dependency.DatabaseInitializerDetector;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.SpringFactoriesLoader;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real Spring Boot context with the auto-configuration found the way an application finds it. */
class SpringBootGateTest {
    @TempDir
    Path dir;

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class App {
    }

    @Test
    void theGateRunsWhileTheContextStartsAndTheJdbcTemplateComesAfterIt() throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__shelves.sql"), "CREATE TABLE shelves (id INTEGER PRIMARY KEY);\n");
        Path database = dir.resolve("app.db");

        try (ConfigurableApplicationContext context = start(database, migrations)) {
            // Nothing in the app has asked for a connection; the gate ran because the context started.
            assertEquals(List.of("shelves"), tables(database));
            assertTrue(List.of(context.getBeanFactory().getBeanDefinition("jdbcTemplate").getDependsOn())
                    .contains("sluiceGates"), "jdbcTemplate does not wait for the gate");
            assertTrue(Files.list(dir.resolve("backups")).findAny().isPresent(), "no backup was taken");
        }
    }

    @Test
    void springBootsSqlInitScriptsRunOnTheMigratedSchema() throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__shelves.sql"), "CREATE TABLE shelves (id INTEGER PRIMARY KEY);\n");
        Path data = Files.writeString(dir.resolve("data.sql"), "INSERT INTO shelves (id) VALUES (7);\n");
        Path database = dir.resolve("app.db");

        try (ConfigurableApplicationContext context = start(database, migrations,
                "spring.sql.init.mode", "always", "spring.sql.init.data-locations", "file:" + data)) {
            try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
                 ResultSet rows = connection.createStatement().executeQuery("SELECT id FROM shelves")) {
                assertTrue(rows.next());
                assertEquals(7, rows.getInt(1));
            }
        }
    }

    @Test
    void sluiceKeysInTheApplicationsOwnPropertiesReachTheGate() throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__shelves.sql"), "CREATE TABLE shelves (id INTEGER PRIMARY KEY);\n");

        try (ConfigurableApplicationContext context = start(dir.resolve("app.db"), migrations,
                "sluice.backup-dir", dir.resolve("spring-backups").toString())) {
            assertEquals(1, backups(dir.resolve("spring-backups")));
        }
    }

    @Test
    void theKeyOfThePoolWinsOverTheApplicationWideOne() throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__shelves.sql"), "CREATE TABLE shelves (id INTEGER PRIMARY KEY);\n");

        try (ConfigurableApplicationContext context = start(dir.resolve("app.db"), migrations,
                "sluice.backup-dir", dir.resolve("spring-backups").toString(),
                "spring.datasource.hikari.data-source-properties.sluice.backup-dir", dir.resolve("pool-backups").toString())) {
            assertEquals(1, backups(dir.resolve("pool-backups")));
            assertFalse(Files.exists(dir.resolve("spring-backups")));
        }
    }

    @Test
    void aMisspeltSluiceKeyInTheApplicationsOwnPropertiesStopsTheStart() throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));

        Exception failure = assertThrows(Exception.class,
                () -> start(dir.resolve("app.db"), migrations, "sluice.backup-dri", "elsewhere").close());

        FailureAnalysis analysis = new SluiceFailureAnalyzer().analyze(failure);
        assertNotNull(analysis, "no Sluice exception in the chain of " + failure);
        assertTrue(analysis.getDescription().contains("Unknown setting sluice.backup-dri")
                && analysis.getDescription().contains("did you mean sluice.backupDir"), analysis.getDescription());
        assertFalse(Files.exists(dir.resolve("app.db")), "the database was touched before the setting was refused");
    }

    @Test
    void excludedTheGateWaitsForTheApplicationsFirstConnection() throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__shelves.sql"), "CREATE TABLE shelves (id INTEGER PRIMARY KEY);\n");
        Path database = dir.resolve("app.db");

        try (ConfigurableApplicationContext context = start(database, migrations,
                "spring.autoconfigure.exclude", SluiceAutoConfiguration.class.getName())) {
            assertEquals(List.of(), tables(database));
            context.getBean(DataSource.class).getConnection().close();
            assertEquals(List.of("shelves"), tables(database));
        }
    }

    @Test
    void aRefusedGateFailsTheStartWithItsOwnExceptionWhichTheAnalyzerPutsOnTop() throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__broken.sql"),
                "CREATE TABLE shelves (id INTEGER PRIMARY KEY);\nINSERT INTO shelfs (id) VALUES (1);\n");

        Exception failure = assertThrows(Exception.class, () -> start(dir.resolve("app.db"), migrations).close());

        FailureAnalysis analysis = new SluiceFailureAnalyzer().analyze(failure);
        assertNotNull(analysis, "no Sluice exception in the chain of " + failure);
        String description = analysis.getDescription();
        assertTrue(description.contains("V1__broken.sql") && description.contains("line 2")
                && description.contains("no such table: shelfs") && description.contains("backup"), description);
        assertTrue(analysis.getAction().contains("08004"), analysis.getAction());
    }

    @Test
    void springBootFindsTheAnalyzerAndTheDetectorThroughSpringFactories() {
        // Spring Boot's own analyzers need constructor arguments only a starting application has.
        SpringFactoriesLoader.FailureHandler skip = SpringFactoriesLoader.FailureHandler.handleMessage((message, e) -> { });
        SpringFactoriesLoader factories = SpringFactoriesLoader.forDefaultResourceLocation();
        List<FailureAnalyzer> analyzers = factories.load(FailureAnalyzer.class, skip);
        assertTrue(analyzers.stream().anyMatch(SluiceFailureAnalyzer.class::isInstance), analyzers.toString());
        List<DatabaseInitializerDetector> detectors = factories.load(DatabaseInitializerDetector.class, skip);
        assertTrue(detectors.stream().anyMatch(SluiceGatesDetector.class::isInstance), detectors.toString());
    }

    @Test
    void aFailureWithoutSluiceInItIsLeftToTheOtherAnalyzers() {
        assertEquals(null, new SluiceFailureAnalyzer().analyze(new IllegalStateException("port 8080 in use")));
    }

    private ConfigurableApplicationContext start(Path database, Path migrations, String... more) {
        Map<String, Object> properties = new HashMap<>(Map.of(
                "spring.datasource.url", "jdbc:sluice:sqlite:" + database + "?sluice.locations=filesystem:" + migrations,
                "spring.datasource.driver-class-name", "io.sluice.driver.SluiceDriver"));
        for (int i = 0; i < more.length; i += 2) {
            properties.put(more[i], more[i + 1]);
        }
        return new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE).properties(properties).run();
    }

    /** Backup files in a folder, not counting what Sluice keeps beside them. */
    private static long backups(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".db")).count();
        }
    }

    private static List<String> tables(Path database) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
             ResultSet rows = connection.createStatement().executeQuery(
                     "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sluice%' ORDER BY name")) {
            List<String> names = new ArrayList<>();
            while (rows.next()) {
                names.add(rows.getString(1));
            }
            return names;
        }
    }
}
