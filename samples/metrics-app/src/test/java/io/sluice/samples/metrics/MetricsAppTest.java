package io.sluice.samples.metrics;

import io.sluice.testing.JavaProcess;
import io.sluice.testing.PostgresDatabase;
import io.sluice.testing.PostgresExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sample as an operator runs it: a real JVM, a real PostgreSQL, scraped over HTTP. */
@ExtendWith(PostgresExtension.class)
class MetricsAppTest {
    private static final Pattern SERVING = Pattern.compile("serving http://localhost:(\\d+)/metrics");
    private static final long START_TIMEOUT_MILLIS = 60_000;

    private final HttpClient http = HttpClient.newHttpClient();
    private Process app;

    @TempDir
    Path workDir;

    @AfterEach
    void stopApp() throws InterruptedException {
        if (app != null) {
            app.destroy();
            app.waitFor();
        }
    }

    @Test
    void servesTheMetricsOfAGateThatMigratedItsPool(PostgresDatabase database) throws Exception {
        int port = start(database, JavaProcess.of(MetricsApp.class));
        String tags = "database=\"" + database.databaseName() + "\",db=\"postgresql\"";

        HttpResponse<String> metrics = get(port, "/metrics");
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        String scrape = metrics.body();
        assertSample(scrape, "sluice_gate_duration_seconds_count{" + tags + ",outcome=\"success\",step=\"total\"}", 1);
        assertSample(scrape, "sluice_gate_duration_seconds_count{" + tags + ",outcome=\"success\",step=\"backup\"}", 1);
        assertSample(scrape, "sluice_migrations_applied_total{" + tags + "}", 3);
        assertSample(scrape, "sluice_migrations_pending{" + tags + "}", 0);
        assertSample(scrape, "sluice_gate_state{" + tags + "}", 1);
        assertSample(scrape, "sluice_migration_duration_seconds_count{" + tags + ",outcome=\"success\",version=\"2\"}", 1);
        assertTrue(scrape.contains("hikaricp_connections{pool=\"metrics-app\"}"), scrape);

        HttpResponse<String> home = get(port, "/");
        assertEquals(200, home.statusCode());
        assertEquals("3 accounts, schema version 2\n", home.body());
        assertFalse(output().contains(database.password()), "the password was printed");
    }

    @Test
    void theGrafanaDashboardAndTheDocumentedAlertsNameOnlySeriesTheScrapeHas(PostgresDatabase database) throws Exception {
        String scrape = get(start(database, JavaProcess.of(MetricsApp.class)), "/metrics").body();
        Path docs = Path.of("..", "..", "docs");
        String page = Files.readString(docs.resolve("metrics.md"));
        int rules = page.indexOf("```yaml");
        String alertRules = page.substring(rules, page.indexOf("```\n", rules + 1));
        String dashboard = Files.readString(docs.resolve("grafana").resolve("sluice-dashboard.json"));

        assertNamesOnlyScrapedSeries("docs/grafana/sluice-dashboard.json", dashboard, scrape);
        assertNamesOnlyScrapedSeries("the alert rules of docs/metrics.md", alertRules, scrape);
    }

    private static void assertNamesOnlyScrapedSeries(String where, String text, String scrape) {
        Matcher series = Pattern.compile("sluice_[a-z_]+").matcher(text);
        int named = 0;
        while (series.find()) {
            named++;
            assertTrue(scrape.contains(series.group()), where + " names " + series.group() + ", which the scrape lacks");
        }
        assertTrue(named > 5, where + " names hardly any series: " + named);
    }

    @Test
    void showsAFailedGateAtMetricsAndAnswersUnavailable(PostgresDatabase database) throws Exception {
        Path broken = Files.createDirectories(workDir.resolve("broken"));
        Files.writeString(broken.resolve("V1__broken.sql"),
                "CREATE TABLE accounts (id BIGINT);\nSELECT * FROM no_such_table;\n");
        int port = start(database, JavaProcess.of(MetricsApp.class)
                .systemProperty("sluice.locations", "filesystem:" + broken));
        String tags = "database=\"" + database.databaseName() + "\",db=\"postgresql\"";

        String scrape = get(port, "/metrics").body();
        assertSample(scrape, "sluice_gate_state{" + tags + "}", -1);
        assertSample(scrape, "sluice_gate_duration_seconds_count{" + tags + ",outcome=\"failure\",step=\"total\"}", 1);
        assertSample(scrape, "sluice_migrations_applied_total{" + tags + "}", 0);

        HttpResponse<String> home = get(port, "/");
        assertEquals(503, home.statusCode());
        assertTrue(home.body().startsWith("gate failed: ") && home.body().contains("no_such_table"), home.body());
        assertFalse(scrape.contains(database.password()) || output().contains(database.password()),
                "the password was printed or scraped");
    }

    @Test
    void startsAnEmbeddedPostgresWhenGivenNoUrl() throws Exception {
        app = JavaProcess.of(MetricsApp.class).args("--port", "0").workingDirectory(workDir).start(log());
        int port = awaitPort();

        String scrape = get(port, "/metrics").body();
        assertSample(scrape, "sluice_migrations_applied_total{database=\"postgres\",db=\"postgresql\"}", 3);
        assertEquals("3 accounts, schema version 2\n", get(port, "/").body());
    }

    @Test
    void refusesAPortThatIsNotANumber() throws Exception {
        JavaProcess.Result result = JavaProcess.of(MetricsApp.class).args("--port", "eighty")
                .run(log(), java.time.Duration.ofSeconds(30));
        assertEquals(2, result.exitCode());
        assertTrue(result.output().contains("metrics-app: the port 'eighty' is not a number;"), result.output());
    }

    private int start(PostgresDatabase database, JavaProcess process) throws Exception {
        app = process.args(database.sluiceUrl(), "--port", "0")
                .env("DB_USER", database.user()).env("DB_PASSWORD", database.password())
                .workingDirectory(workDir).start(log());
        return awaitPort();
    }

    private int awaitPort() throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (System.currentTimeMillis() < deadline && app.isAlive()) {
            Matcher serving = SERVING.matcher(output());
            if (serving.find()) {
                return Integer.parseInt(serving.group(1));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("metrics-app did not start serving; output:\n" + output());
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

    private Path log() {
        return workDir.resolve("app.log");
    }

    private String output() throws IOException {
        return JavaProcess.read(log());
    }
}
