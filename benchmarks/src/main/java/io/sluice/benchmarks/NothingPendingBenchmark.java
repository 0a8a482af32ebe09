package io.sluice.benchmarks;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.Sluice;
import io.sluice.migrations.run.GateReport;
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
import java.util.Comparator;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What Sluice costs an app that starts with nothing pending, the common case on every start of
 * every instance: a whole gate run, and a connection through a gate that is already open next to
 * one through the database's own driver. Each database's subclass starts it; the setup applies
 * two migrations so the runs measured find nothing to do.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public abstract class NothingPendingBenchmark {
    private Path directory;
    private String plainUrl;
    private String sluiceUrl;
    /** The app's own connection properties (a login, where the database wants one). */
    final Properties login = new Properties();
    private final Properties settings = new Properties();
    GateReport upToDate;

    /** Starts the database (files, if any, go in {@code directory}) and returns its own JDBC URL. */
    abstract String startDatabase(Path directory) throws IOException;

    abstract void stopDatabase() throws IOException;

    @Setup(Level.Trial)
    public void migrateOnce() throws IOException, SQLException {
        directory = Files.createTempDirectory("sluice-bench");
        Path migrations = Files.createDirectories(directory.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__accounts.sql"),
                "CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner TEXT NOT NULL);\n");
        Files.writeString(migrations.resolve("V2__accounts_owner.sql"), "CREATE INDEX accounts_owner ON accounts (owner);\n");
        plainUrl = startDatabase(directory);
        sluiceUrl = "jdbc:sluice:" + plainUrl.substring("jdbc:".length());
        settings.putAll(login);
        settings.setProperty("sluice.locations", "filesystem:" + migrations);
        settings.setProperty("sluice.backupDir", directory.resolve("backups").toString());

        Sluice.meterRegistry(new SimpleMeterRegistry());
        Sluice.migrate(sluiceUrl, settings);
        upToDate = Sluice.migrate(sluiceUrl, settings);
        if (!upToDate.applied().isEmpty()) {
            throw new IllegalStateException("the second run should have found nothing pending: " + upToDate);
        }
        DriverManager.getConnection(sluiceUrl, settings).close(); // the driver's gate, opened once
    }

    @TearDown(Level.Trial)
    public void cleanUp() throws IOException {
        stopDatabase();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(file);
            }
        }
    }

    /** Lock, inspect, three skipped steps, the report, its log line and its meters. */
    @Benchmark
    public GateReport gateRunWithNothingPending() throws SQLException {
        return Sluice.migrate(sluiceUrl, settings);
    }

    /** An app's connection once its gate is open: Sluice hands back the driver's own. */
    @Benchmark
    public void connectThroughAnOpenGate() throws SQLException {
        try (Connection connection = DriverManager.getConnection(sluiceUrl, settings)) {
            connection.getAutoCommit();
        }
    }

    /** The same connection without Sluice, for comparison. */
    @Benchmark
    public void connectWithTheDriverAlone() throws SQLException {
        try (Connection connection = DriverManager.getConnection(plainUrl, login)) {
            connection.getAutoCommit();
        }
    }
}
