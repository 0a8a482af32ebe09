package io.sluice.samples.springboot;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sample as its users run it: {@code java -jar target/spring-boot-app.jar}, on a fresh SQLite file. */
class SpringBootAppIT {
    private static final Pattern STARTED = Pattern.compile("Tomcat started on port (\\d+)");
    private static final long START_TIMEOUT_MILLIS = 120_000;
    private static final String TAGS = "{database=\"library\",db=\"sqlite\"}";

    private final HttpClient http = HttpClient.newHttpClient();
    private Process app;

    @TempDir
    Path workDir;

    @AfterEach
    void stopApp() throws InterruptedException {
        if (app != null && app.isAlive()) {
            app.destroy();
            app.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void startsMigratedServesBooksThroughJpaAndTheGatesMetersThroughActuator() throws Exception {
        int port = awaitPort(start(new ProcessBuilder()));

        HttpResponse<String> books = get(port, "/books");
        assertEquals(200, books.statusCode());
        assertTrue(books.body().startsWith("[{\"id\":2,\"title\":\"A Discipline of Programming\"")
                && books.body().contains("\"copies\":1"), books.body());

        HttpResponse<String> prometheus = get(port, "/actuator/prometheus");
        assertEquals(200, prometheus.statusCode());
        String scrape = prometheus.body();
        assertSample(scrape, "sluice_gate_state" + TAGS, 1);
        assertSample(scrape, "sluice_migrations_applied_total" + TAGS, 2);
        assertSample(scrape, "sluice_migrations_pending" + TAGS, 0);

        // sluice.backup-dir of application.properties reached the gate.
        assertEquals(1, backups(workDir.resolve("library-backups")).size(), "no backup in library-backups/");
    }

    @Test
    void aDatabaseFlywayMigratedKeepsItsHistoryAndOnlyTheNewMigrationRuns() throws Exception {
        Path database = workDir.resolve("library.db");
        Flyway.configure().dataSource("jdbc:sqlite:" + database, null, null)
                .locations("filesystem:" + Path.of("src", "main", "resources", "db", "migration").toAbsolutePath())
                .load().migrate();
        Path next = Files.createDirectories(workDir.resolve("next"));
        Files.writeString(next.resolve("V3__loans.sql"), "CREATE TABLE loans (id BIGINT PRIMARY KEY, book_id BIGINT NOT NULL);\n");
        ProcessBuilder builder = new ProcessBuilder();
        builder.environment().put("SLUICE_LOCATIONS", "classpath:db/migration,filesystem:" + next);

        int port = awaitPort(start(builder));

        assertEquals(200, get(port, "/books").statusCode());
        assertSample(get(port, "/actuator/prometheus").body(), "sluice_migrations_applied_total" + TAGS, 1);
        assertTrue(output().contains("applied V3__loans.sql") && !output().contains("applied V1__books.sql"), output());
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
             ResultSet rows = connection.createStatement().executeQuery(
                     "SELECT group_concat(version || ':' || adopted, ' ') FROM sluice_schema_history")) {
            assertEquals("1:1 2:1 3:0", rows.getString(1), "version:adopted of each history row");
        }
    }

    @Test
    void aRefusedGateStopsTheStartAndTheFirstErrorLinesNameFileLineDatabaseErrorAndBackup() throws Exception {
        Path broken = Files.createDirectories(workDir.resolve("broken"));
        Files.writeString(broken.resolve("V3__loans.sql"), "-- Books lent to readers.\n"
                + "CREATE TABLE loans (id BIGINT PRIMARY KEY, book_id BIGINT NOT NULL);\n\n"
                + "INSERT INTO loans (id, book_id) VALUES (1, 1);\n"
                + "INSERT INTO loanz (id, book_id) VALUES (2, 2);\n");
        ProcessBuilder builder = new ProcessBuilder();
        builder.environment().put("SLUICE_LOCATIONS", "classpath:db/migration,filesystem:" + broken);
        app = start(builder);
        assertTrue(app.waitFor(START_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS), "the app did not stop; output:\n" + output());
        assertNotEquals(0, app.exitValue());

        String output = output();
        List<String> errors = output.lines().filter(line -> line.contains(" ERROR ")).toList();
        assertFalse(errors.isEmpty(), output);
        String backup = backups(workDir.resolve("library-backups")).get(0);
        String first = errors.get(0);
        for (String expected : List.of("V3__loans.sql failed at line 5", "no such table: loanz", backup)) {
            assertTrue(first.contains(expected), "the first error line lacks '" + expected + "': " + first);
        }

        String report = output.substring(output.indexOf("APPLICATION FAILED TO START"));
        String description = report.substring(report.indexOf("Description:"), report.indexOf("Action:"));
        assertTrue(description.contains("V3__loans.sql failed at line 5") && description.contains("no such table: loanz")
                && description.contains(backup), report);
        assertFalse(output.contains("Unable to determine Dialect"), output);
    }

    private Process start(ProcessBuilder builder) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        builder.command(java.toString(), "-jar", System.getProperty("sample.jar"), "--server.port=0")
                .directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log().toFile());
        app = builder.start();
        return app;
    }

    private int awaitPort(Process process) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (System.currentTimeMillis() < deadline && process.isAlive()) {
            Matcher started = STARTED.matcher(output());
            if (started.find()) {
                return Integer.parseInt(started.group(1));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the app did not start; output:\n" + output());
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A sample line of the scrape, {@code name{tags} value}, with exactly this value. */
    private static void assertSample(String scrape, String series, double expected) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith(series + " ")) {
                assertEquals(expected, Double.parseDouble(line.substring(series.length() + 1).trim()), line);
                return;
            }
        }
        throw new AssertionError("no sample " + series + " in the scrape:\n" + scrape);
    }

    /** Backup files, as the app names them (relative to its working directory), without what Sluice keeps beside them. */
    private List<String> backups(Path folder) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(file -> file.getFileName().toString().endsWith(".db"))
                    .forEach(file -> names.add(workDir.relativize(file).toString()));
        }
        return names;
    }

    private Path log() {
        return workDir.resolve("app.log");
    }

    private String output() throws IOException {
        return Files.exists(log()) ? Files.readString(log(), StandardCharsets.UTF_8) : "";
    }
}
