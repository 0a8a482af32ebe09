package legacy;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.search.MeterNotFoundException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.sql.Connection;
import java.sql.DriverManager;

/**
 * An app with Micrometer of its own (as a Spring Boot app has) and no Sluice class: adds a
 * registry to {@code Metrics.globalRegistry}, connects twice to {@code args[0]}, then prints what
 * that registry holds of Sluice's meters.
 */
public final class MeteredApp {
    public static void main(String[] args) throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Metrics.addRegistry(registry);
        for (int i = 0; i < 2; i++) {
            try (Connection connection = DriverManager.getConnection(args[0])) {
                Outcome.connected(connection);
            }
        }
        try {
            System.out.println("sluice.migrations.applied="
                    + registry.get("sluice.migrations.applied").functionCounter().count());
            System.out.println("sluice.gate.state=" + registry.get("sluice.gate.state").gauge().value());
            System.out.println("sluice.gate.duration.total="
                    + registry.get("sluice.gate.duration").tag("step", "total").timer().count());
        } catch (MeterNotFoundException e) {
            System.out.println("missing " + e.getMessage());
        }
    }
}
