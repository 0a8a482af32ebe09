package io.sluice.migrations.metrics;

import io.micrometer.core.instrument.MeterRegistry;

/** The public door to the registry choice; only linked when an application passes a registry. */
public final class MeterRegistries {
    private MeterRegistries() {
    }

    public static void use(MeterRegistry registry) {
        MicrometerGateMetrics.use(registry);
    }
}
