package io.sluice.driver;

import io.sluice.migrations.connect.GatedDatabase;
import io.sluice.migrations.metrics.GateMetrics;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** One gate per database per JVM, however many drivers, data sources or pools ask. */
final class Gates {
    private static final ConcurrentMap<String, Gate> BY_DATABASE = new ConcurrentHashMap<>();

    private Gates() {
    }

    /** The database's gate, created (and its gauges bound) on first use. */
    static Gate forDatabase(GatedDatabase database) {
        return BY_DATABASE.computeIfAbsent(database.key(), key -> {
            Gate gate = new Gate(database.name());
            GateMetrics.get().bindGate(database.dialectName(), database.name(), () -> gate.state().gauge, gate::waiting);
            return gate;
        });
    }
}
