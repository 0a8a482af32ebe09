package io.sluice.driver;

import io.sluice.migrations.connect.GatedDatabase;

import java.sql.SQLException;

/**
 * The database gates of {@link Gates} for the java agent, which sees the database's own URL instead
 * of a {@code jdbc:sluice:} one: a database keeps one gate per JVM whichever door a connect came
 * through.
 */
public final class AgentGates {
    private AgentGates() {
    }

    /** Returns once connections to the database may be handed out; throws the gate's refusal otherwise. */
    public static void pass(GatedDatabase database) throws SQLException {
        Gates.forDatabase(database).pass(database);
    }
}
