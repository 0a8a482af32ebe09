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

import java.io.IOException;
import java.nio.file.Files;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * Cold apply: N generated migrations onto an empty database, one database per iteration, by the
 * raw loop, Flyway and Sluice. Each iteration is one whole apply.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class ColdApplyBenchmark {
    @Param({"sqlite", "postgresql"})
    public String db;

    @Param({"500"})
    public int migrations;

    private Database database;
    private Workload workload;
    private Target target;

    @Setup(Level.Trial)
    public void start() throws IOException {
        java.nio.file.Path folder = Files.createTempDirectory("sluice-cold");
        database = Database.start(db, folder.resolve("db"));
        workload = Workload.generate(folder.resolve("scripts"), migrations);
    }

    @Setup(Level.Iteration)
    public void emptyDatabase() throws SQLException, IOException {
        target = database.fresh("cold");
    }

    @TearDown(Level.Iteration)
    public void dropDatabase() throws SQLException, IOException {
        database.drop(target);
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        database.close();
        Database.deleteTree(workload.folder().getParent().getParent());
    }

    @Benchmark
    public void raw() throws SQLException, IOException {
        Tools.raw(target, workload);
    }

    @Benchmark
    public int flyway() {
        return Tools.flyway(target, workload);
    }

    @Benchmark
    public Object sluice() throws SQLException {
        return Tools.sluice(target, workload);
    }
}
