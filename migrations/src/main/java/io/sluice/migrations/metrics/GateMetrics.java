package io.sluice.migrations.metrics;

import io.sluice.migrations.run.GateReport;

import java.util.function.IntSupplier;

/**
 * Where the gate's meters go. Chosen once: Micrometer's when it is on the classpath, else a null
 * object that does nothing, so the flow never asks "are metrics on?". Recording happens once per
 * gate run, never on the connection fast path.
 */
public interface GateMetrics {
    /** Records every step, every migration, the backup size, and the applied and pending counts. */
    default void recordRun(GateReport report) {
    }

    /**
     * Binds the {@code sluice.gate.state} and {@code sluice.gate.waiting} gauges of one database's
     * gate in this JVM to the gate's own state.
     *
     * @param state 0 closed, 1 open, -1 failed
     */
    default void bindGate(String dialect, String database, IntSupplier state, IntSupplier waiting) {
    }

    static GateMetrics get() {
        return Chosen.INSTANCE;
    }

    /** Holds the choice, made at first use. */
    final class Chosen {
        static final GateMetrics INSTANCE = choose();

        private Chosen() {
        }

        private static final String MICROMETER = "io.micrometer.core.instrument.Metrics";

        private static GateMetrics choose() {
            if (sees(GateMetrics.class.getClassLoader())) {
                return new MicrometerGateMetrics();
            }
            // Under the java agent, the app's Micrometer may sit behind the app's own class loader.
            ClassLoader app = Thread.currentThread().getContextClassLoader();
            if (app != null && sees(app)) {
                try {
                    return AppLoaderMetrics.over(app);
                } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                    System.getLogger(GateMetrics.class.getName()).log(System.Logger.Level.WARNING,
                            "Sluice cannot reach the app's Micrometer, so the gate records no metrics: " + e);
                }
            }
            return new GateMetrics() {
            };
        }

        private static boolean sees(ClassLoader loader) {
            try {
                Class.forName(MICROMETER, false, loader);
                return true;
            } catch (ClassNotFoundException | LinkageError absent) {
                return false;
            }
        }
    }
}
