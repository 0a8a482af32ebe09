package io.sluice;

import io.sluice.migrations.connect.GatedDatabase;
import io.sluice.migrations.dialect.GateSession;
import io.sluice.migrations.plan.Plan;
import io.sluice.migrations.run.Inspector;
import io.sluice.migrations.run.GateReport;

import java.sql.SQLException;
import java.util.Properties;

/**
 * The programmatic door to the engine, for tests, frameworks and tools (SPEC §9). The JDBC driver
 * and the agent run the same gate on an application's first connection.
 */
public final class Sluice {
    private Sluice() {
    }

    /**
     * Runs the whole gate for a database now, whether or not a gate already opened for it in this
     * JVM: lock, inspect, backup, migrate, verify.
     *
     * @param url the database's own JDBC URL or a {@code jdbc:sluice:} one
     * @param settings {@code sluice.*} keys and the delegate's own properties (user, password);
     *                 URL parameters win over them, and they win over system properties, the
     *                 environment and the configuration file
     * @return what the gate did: versions applied, backup path, per-step durations
     * @throws SQLException SQLState {@code 08004} when the gate refuses, {@code 08001} when it may succeed later
     */
    public static GateReport migrate(String url, Properties settings) throws SQLException {
        return GatedDatabase.resolve(url, settings).newRun().run();
    }

    /**
     * The plan of SPEC §3 for a database: per pending migration and statement, the action
     * (apply, skip, conflict), the object and the reason, and lint findings. Takes no lock and
     * changes nothing, not even by creating the history table.
     *
     * @throws SQLException for a bad setting, an unreachable database, a changed applied file or
     *                      an unreadable script; conflicts and findings are in the plan, not thrown
     */
    public static Plan plan(String url, Properties settings) throws SQLException {
        GatedDatabase database = GatedDatabase.resolve(url, settings);
        try (GateSession session = database.openSession()) {
            return new Inspector(database.dialect(), database.settings(), database.name()).inspect(session);
        }
    }

    /**
     * Sends Sluice's meters to this registry instead of {@code Metrics.globalRegistry}, from the
     * next gate run on. Needs Micrometer on the classpath, as the parameter type says.
     */
    public static void meterRegistry(io.micrometer.core.instrument.MeterRegistry registry) {
        io.sluice.migrations.metrics.MeterRegistries.use(registry);
    }
}
