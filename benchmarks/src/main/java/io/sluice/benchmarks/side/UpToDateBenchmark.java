package io.sluice.benchmarks.side;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * Up to date, in process: a start that finds N migrations applied and nothing pending. Flyway and
 * Sluice validate every applied checksum; the floor is one connection and one query.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class UpToDateBenchmark {
    @Param({"sqlite", "postgresql"})
    public String db;

    @Param({"500"})
    public int migrations;

    private Path folder;
    private Database database;
    private Workload workload;
    private Target target;

    /** Migrates one database with the tool the benchmark measures (the floor reads the raw loop's). */
    @Setup(Level.Trial)
    public void migrateOnce(BenchmarkParams params) throws Exception {
        folder = Files.createTempDirectory("sluice-uptodate");
        database = Database.start(db, folder.resolve("db"));
        workload = Workload.generate(folder.resolve("scripts"), migrations);
        String tool = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        target = database.fresh(tool);
        switch (tool) {
            case "floor":
                Tools.raw(target, workload);
                break;
            case "flyway":
                Tools.flyway(target, workload);
                break;
            default:
                Tools.sluice(target, workload);
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        database.close();
        Database.deleteTree(folder);
    }

    @Benchmark
    public int floor() throws SQLException {
        return Tools.floor(target);
    }

    @Benchmark
    public int flyway() {
        int executed = Tools.flyway(target, workload);
        if (executed != 0) {
            throw new IllegalStateException("Flyway applied " + executed + " migrations to an up-to-date database");
        }
        return executed;
    }

    @Benchmark
    public Object sluice() throws SQLException {
        io.sluice.migrations.run.GateReport report = Tools.sluice(target, workload);
        if (!report.applied().isEmpty()) {
            throw new IllegalStateException("Sluice applied migrations to an up-to-date database: " + report);
        }
        return report;
    }
}
