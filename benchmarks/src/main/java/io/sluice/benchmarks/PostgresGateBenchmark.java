package io.sluice.benchmarks;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.Sluice;
import io.sluice.migrations.run.GateReport;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The same costs as {@link GateBenchmark} on a real PostgreSQL (embedded, on this machine): a
 * whole gate run with nothing pending (advisory lock, history, catalog), and a connection through
 * an open gate next to a plain pgjdbc one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PostgresGateBenchmark {
    private EmbeddedPostgres postgres;
    private String sluiceUrl;
    private String plainUrl;
    private final Properties settings = new Properties();

    @Setup(Level.Trial)
    public void migrateOnce() throws IOException, SQLException {
        postgres = EmbeddedPostgres.builder().start();
        Path migrations = Files.createDirectories(Files.createTempDirectory("sluice-bench-pg").resolve("migrations"));
        Files.writeString(migrations.resolve("V1__accounts.sql"),
                "CREATE TABLE accounts (id BIGINT PRIMARY KEY, owner TEXT NOT NULL);\n");
        Files.writeString(migrations.resolve("V2__accounts_owner.sql"), "CREATE INDEX accounts_owner ON accounts (owner);\n");
        plainUrl = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
        sluiceUrl = "jdbc:sluice:postgresql://localhost:" + postgres.getPort() + "/postgres";
        settings.setProperty("user", "postgres");
        settings.setProperty("sluice.locations", "filesystem:" + migrations);
        settings.setProperty("sluice.backupDir", migrations.getParent().resolve("backups").toString());

        Sluice.meterRegistry(new SimpleMeterRegistry());
        Sluice.migrate(sluiceUrl, settings);
        GateReport upToDate = Sluice.migrate(sluiceUrl, settings);
        if (!upToDate.applied().isEmpty()) {
            throw new IllegalStateException("the second run should have found nothing pending: " + upToDate);
        }
        DriverManager.getConnection(sluiceUrl, settings).close(); // the driver's gate, opened once
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        postgres.close();
    }

    @Benchmark
    public GateReport gateRunWithNothingPending() throws SQLException {
        return Sluice.migrate(sluiceUrl, settings);
    }

    @Benchmark
    public void connectThroughAnOpenGate() throws SQLException {
        try (Connection connection = DriverManager.getConnection(sluiceUrl, settings)) {
            connection.getAutoCommit();
        }
    }

    @Benchmark
    public void connectWithPgjdbcAlone() throws SQLException {
        try (Connection connection = DriverManager.getConnection(plainUrl, "postgres", null)) {
            connection.getAutoCommit();
        }
    }
}
