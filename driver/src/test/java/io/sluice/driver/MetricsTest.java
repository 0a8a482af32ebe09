package io.sluice.driver;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.pause.PauseDetector;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sluice.Sluice;
import io.sluice.testing.JavaProcess;
import io.sluice.testing.PostgresDatabase;
import io.sluice.testing.PostgresExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(PostgresExtension.class)
class MetricsTest {
    private static final Pattern SAMPLE = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*(\\{[^}]*\\})? -?[0-9.eE+-]+|.* (NaN|[+-]Inf)");

    @TempDir
    Path dir;

    @AfterEach
    void backToTheGlobalRegistry() {
        Sluice.meterRegistry(null);
    }

    private LegacyDatabase database(String name) throws Exception {
        Path folder = Files.createDirectories(dir.resolve(name));
        return new LegacyDatabase(folder, name + ".db").seeded().withStandardMigrations();
    }

    @Test
    void aGateThatMigratesRecordsEveryStepEachMigrationTheBackupAndTheCounts() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Sluice.meterRegistry(registry);
        LegacyDatabase db = database("migrated");

        try (Connection ignored = DriverManager.getConnection(db.sluiceUrl())) {
            for (String step : List.of("lock", "inspect", "backup", "migrate", "verify", "total")) {
                Timer timer = registry.find("sluice.gate.duration").tags("db", "sqlite", "database", "migrated",
                        "step", step, "outcome", "success").timer();
                assertNotNull(timer, step);
                assertEquals(1, timer.count(), step);
            }
            for (String version : List.of("1", "2", "3")) {
                assertEquals(1, registry.get("sluice.migration.duration").tags("version", version, "outcome", "success")
                        .timer().count());
            }
            assertEquals(3.0, registry.get("sluice.migrations.applied").tags("database", "migrated").functionCounter().count());
            assertEquals(0.0, registry.get("sluice.migrations.pending").tags("database", "migrated").gauge().value());
            assertTrue(registry.get("sluice.backup.size").tags("database", "migrated").summary().totalAmount() > 0);
            assertEquals(1.0, registry.get("sluice.gate.state").tags("database", "migrated").gauge().value());
            assertEquals(0.0, registry.get("sluice.gate.waiting").tags("database", "migrated").gauge().value());
        }
    }

    @Test
    void aGateWithNothingPendingRecordsSkippedStepsAndAZeroCounter() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Sluice.meterRegistry(registry);
        Path empty = Files.createDirectories(dir.resolve("none"));
        String url = "jdbc:sluice:sqlite:" + dir.resolve("idle.db") + "?sluice.locations=filesystem:" + empty;

        Sluice.migrate(url, new Properties());

        assertEquals(1, registry.get("sluice.gate.duration").tags("database", "idle", "step", "inspect", "outcome", "success")
                .timer().count());
        // SPEC §4 step 3: the unlocked history read showed nothing pending, so no lock was taken
        for (String step : List.of("lock", "backup", "migrate", "verify")) {
            assertEquals(1, registry.get("sluice.gate.duration").tags("database", "idle", "step", step, "outcome", "skipped")
                    .timer().count());
        }
        assertEquals(0.0, registry.get("sluice.migrations.applied").tags("database", "idle").functionCounter().count());
    }

    @Test
    void aFailedGateRecordsTheFailureAndTheStateGauge() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Sluice.meterRegistry(registry);
        LegacyDatabase db = database("broken");
        db.migration("V4__broken.sql", "CREATE TABLE x (id INTEGER);\nINSERT INTO x SELECT * FROM nowhere;");

        assertThrows(SQLException.class, () -> DriverManager.getConnection(db.sluiceUrl()));

        assertEquals(1, registry.get("sluice.gate.duration").tags("database", "broken", "step", "migrate", "outcome", "failure")
                .timer().count());
        assertEquals(1, registry.get("sluice.gate.duration").tags("database", "broken", "step", "total", "outcome", "failure")
                .timer().count());
        assertEquals(1, registry.get("sluice.gate.duration").tags("database", "broken", "step", "verify", "outcome", "skipped")
                .timer().count(), "a step the failure kept the gate from reaching counts as skipped");
        assertEquals(1, registry.get("sluice.migration.duration").tags("version", "4", "outcome", "failure").timer().count());
        assertEquals(-1.0, registry.get("sluice.gate.state").tags("database", "broken").gauge().value());
        assertEquals(1.0, registry.get("sluice.migrations.pending").tags("database", "broken").gauge().value());
    }

    @Test
    void aGateThatCannotReachItsDatabaseCountsEveryStepAndLeavesPendingUnknown() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Sluice.meterRegistry(registry);
        String unreachable = "jdbc:sluice:sqlite:" + dir.resolve("no-such-folder").resolve("never.db");

        assertThrows(SQLException.class, () -> DriverManager.getConnection(unreachable));

        assertEquals(1, registry.get("sluice.gate.duration").tags("database", "never", "step", "total", "outcome", "failure")
                .timer().count());
        for (String step : List.of("lock", "inspect", "backup", "migrate", "verify")) {
            assertEquals(1, registry.get("sluice.gate.duration").tags("database", "never", "step", step, "outcome", "skipped")
                    .timer().count(), step);
        }
        assertTrue(Double.isNaN(registry.get("sluice.migrations.pending").tags("database", "never").gauge().value()));
        assertEquals(0, registry.get("sluice.migrations.applied").tags("database", "never").functionCounter().count());
    }

    @Test
    void aMeterRegistryThatThrowsNeitherFailsTheGateNorTheConnect() throws Exception {
        Sluice.meterRegistry(new SimpleMeterRegistry() {
            @Override
            protected Timer newTimer(Meter.Id id, DistributionStatisticConfig config, PauseDetector pauseDetector) {
                throw new IllegalStateException("the registry is broken");
            }

            @Override
            protected <T> Gauge newGauge(Meter.Id id, T object, ToDoubleFunction<T> value) {
                throw new IllegalStateException("the registry is broken");
            }
        });
        LegacyDatabase db = database("sturdy");
        db.migration("V4__more.sql", "CREATE TABLE more (id INTEGER);");

        try (Connection connection = DriverManager.getConnection(db.sluiceUrl());
             ResultSet rs = connection.createStatement().executeQuery(
                     "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'more'")) {
            assertTrue(rs.next());
            assertEquals(1, rs.getInt(1));
        }
    }

    @Test
    void aRegistryThatJoinsTheGlobalOneAfterTheGateStillReportsTheCounts() throws Exception {
        LegacyDatabase db = database("late");
        Sluice.migrate(db.sluiceUrl(), new Properties());
        SimpleMeterRegistry late = new SimpleMeterRegistry();

        Metrics.addRegistry(late);
        try {
            assertEquals(3.0, late.get("sluice.migrations.applied").tags("database", "late").functionCounter().count());
            assertEquals(0.0, late.get("sluice.migrations.pending").tags("database", "late").gauge().value());
        } finally {
            Metrics.removeRegistry(late);
        }
    }

    @Test
    void thePrometheusScrapeParsesAndNamesTheMetersAsDocumented() throws Exception {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Sluice.meterRegistry(prometheus);
        Sluice.migrate(database("scraped").sluiceUrl(), new Properties());

        String scrape = prometheus.scrape();

        for (String line : scrape.split("\n")) {
            assertTrue(line.isEmpty() || line.startsWith("#") || SAMPLE.matcher(line).matches(), "unparsable: " + line);
        }
        for (String name : List.of("sluice_gate_duration_seconds_count", "sluice_migration_duration_seconds_count",
                "sluice_migrations_applied_total", "sluice_migrations_pending", "sluice_backup_size_bytes_count")) {
            assertTrue(scrape.lines().anyMatch(l -> l.startsWith(name + "{") && l.contains("database=\"scraped\"")
                    && l.contains("db=\"sqlite\"")), name + " missing:\n" + scrape);
        }
        assertTrue(scrape.contains("sluice_migrations_applied_total{database=\"scraped\",db=\"sqlite\"} 3.0"), scrape);
    }

    @Test
    void noPasswordInAnyMeterTagOfAFailingPostgresGate(PostgresDatabase pg) throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Sluice.meterRegistry(registry);
        Path sql = Files.createDirectories(dir.resolve("pg-sql"));
        Files.writeString(sql.resolve("V1__broken.sql"), "CREATE TABLE t (id INTEGER REFERENCES nowhere (id));");
        String url = pg.sluiceUrl() + "?sluice.locations=filesystem:" + sql + "&sluice.backupDir=" + dir.resolve("pg-backups");

        assertThrows(SQLException.class, () -> Sluice.migrate(url, pg.credentials()));

        assertFalse(registry.getMeters().isEmpty());
        for (Meter meter : registry.getMeters()) {
            for (Tag tag : meter.getId().getTags()) {
                assertFalse(tag.getValue().contains(pg.password()) || tag.getValue().contains("127.0.0.1"), meter.getId().toString());
            }
        }
        assertEquals(1, registry.get("sluice.gate.duration").tags("db", "postgresql", "database", pg.databaseName(),
                "step", "total", "outcome", "failure").timer().count());
    }

    @Test
    void withoutMicrometerOnTheClassPathTheGateRunsAndNothingFails() throws Exception {
        LegacyDatabase db = database("plain");
        String withoutMicrometer = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("micrometer") && !entry.contains("prometheus"))
                .collect(Collectors.joining(File.pathSeparator));

        JavaProcess.Result result = JavaProcess.of(GatedApp.class).classPath(withoutMicrometer).args(db.sluiceUrl())
                .run(dir.resolve("plain.log"), Duration.ofMinutes(1));

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("history-rows=3"), result.output());
        assertFalse(result.output().contains("NoClassDefFoundError"), result.output());
    }
}
