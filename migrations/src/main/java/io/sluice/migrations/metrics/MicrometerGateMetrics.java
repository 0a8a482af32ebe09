package io.sluice.migrations.metrics;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.sluice.migrations.run.GateReport;
import io.sluice.migrations.run.GateStep;
import io.sluice.migrations.run.StepOutcome;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * The meters of SPEC §6 in Micrometer. Counts and gauges are function-backed over Sluice's own
 * state, so a registry that joins {@code Metrics.globalRegistry} after the gate ran (Spring Boot
 * adds its own during start-up) still reports them.
 */
final class MicrometerGateMetrics implements GateMetrics {
    private static final System.Logger LOG = System.getLogger(MicrometerGateMetrics.class.getName());

    private static volatile MeterRegistry chosenRegistry;

    private final Map<Tags, DatabaseState> databases = new ConcurrentHashMap<>();

    /** Sluice's own counts for one database, read by the function-backed meters. */
    private static final class DatabaseState {
        final AtomicLong applied = new AtomicLong();
        /** -1 until a run got far enough to know: the gauge then reads NaN, not a reassuring 0. */
        final AtomicLong pending = new AtomicLong(-1);
    }

    /** {@code io.sluice.Sluice.meterRegistry}: meters registered from now on go there; null for the global one. */
    static void use(MeterRegistry registry) {
        chosenRegistry = registry;
    }

    private static MeterRegistry registry() {
        MeterRegistry registry = chosenRegistry;
        return registry != null ? registry : Metrics.globalRegistry;
    }

    /** A registry that throws must not turn a gate that migrated into one that failed, nor fail a connect. */
    @Override
    public void recordRun(GateReport report) {
        try {
            record(report);
        } catch (RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.WARNING, report.database() + ": cannot record the gate's metrics: " + e);
        }
    }

    @Override
    public void bindGate(String dialect, String database, IntSupplier state, IntSupplier waiting) {
        try {
            bind(tags(dialect, database), state, waiting);
        } catch (RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.WARNING, database + ": cannot register the gate's gauges: " + e);
        }
    }

    private void record(GateReport report) {
        MeterRegistry registry = registry();
        Tags database = tags(report.dialect(), report.database());
        DatabaseState state = databases.computeIfAbsent(database, tags -> new DatabaseState());
        register(registry, database, state); // idempotent: the registry hands back meters it has
        for (GateStep step : GateStep.values()) {
            // SPEC §6: every run records every step; one a failure kept it from reaching counts as skipped.
            GateReport.Step result = report.steps().get(step);
            Timer.builder("sluice.gate.duration").description("Time of each step of the startup gate")
                    .tags(database).tag("step", step.tag())
                    .tag("outcome", (result == null ? StepOutcome.SKIPPED : result.outcome()).tag())
                    .register(registry).record(result == null ? Duration.ZERO : result.duration());
        }
        for (GateReport.MigrationRun migration : report.migrations()) {
            Timer.builder("sluice.migration.duration").description("Time to apply one migration")
                    .tags(database).tag("version", migration.version() != null ? migration.version().toString()
                            : "R:" + migration.description())
                    .tag("outcome", migration.success() ? "success" : "failure")
                    .register(registry).record(migration.duration());
        }
        state.applied.addAndGet(report.applied().size());
        if (report.pending() >= 0) {
            state.pending.set(report.pending());
        }
        if (report.backup() != null) {
            try {
                DistributionSummary.builder("sluice.backup.size").description("Size of the backup taken before migrating")
                        .baseUnit("bytes").tags(database).register(registry).record(Files.size(report.backup()));
            } catch (IOException e) {
                // the backup was verified moments ago; a vanished file is no reason to fail the gate
            }
        }
    }

    private static void register(MeterRegistry registry, Tags database, DatabaseState state) {
        FunctionCounter.builder("sluice.migrations.applied", state, s -> s.applied.get())
                .description("Migrations applied by this JVM's gates").tags(database).register(registry);
        Gauge.builder("sluice.migrations.pending", state, s -> s.pending.get() < 0 ? Double.NaN : s.pending.get())
                .description("Migrations pending after the last gate run").tags(database).strongReference(true)
                .register(registry);
    }

    private static void bind(Tags tags, IntSupplier state, IntSupplier waiting) {
        MeterRegistry registry = registry();
        Gauge.builder("sluice.gate.state", state, IntSupplier::getAsInt)
                .description("The gate: 0 closed, 1 open, -1 failed").tags(tags).strongReference(true).register(registry);
        Gauge.builder("sluice.gate.waiting", waiting, IntSupplier::getAsInt)
                .description("Threads waiting at the gate").tags(tags).strongReference(true).register(registry);
    }

    private static Tags tags(String dialect, String database) {
        return Tags.of("db", dialect, "database", database);
    }
}
