package io.sluice.benchmarks;

import io.sluice.migrations.metrics.GateMetrics;
import org.openjdk.jmh.annotations.Benchmark;

import java.nio.file.Path;

/** SQLite: a file on local disk; and the metrics share of a gate run. */
public class SqliteGateBenchmark extends NothingPendingBenchmark {
    @Override
    String startDatabase(Path directory) {
        return "jdbc:sqlite:" + directory.resolve("bench.db");
    }

    @Override
    void stopDatabase() {
    }

    /** The metrics share of {@link #gateRunWithNothingPending}: every meter of one run into a real registry. */
    @Benchmark
    public void recordMetricsOfOneRun() {
        GateMetrics.get().recordRun(upToDate);
    }
}
