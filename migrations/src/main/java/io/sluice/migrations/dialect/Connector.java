package io.sluice.migrations.dialect;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Opens connections through the application's own JDBC driver. The engine never looks up
 * drivers itself: the JDBC driver adapter, the agent or {@code io.sluice.Sluice} hand it this.
 */
@FunctionalInterface
public interface Connector {
    /** A connection to the gated database. */
    default Connection connect() throws SQLException {
        return connect(null);
    }

    /**
     * @param otherUrl a different URL of the same driver (a backup copy to verify), or null for the gated database
     */
    Connection connect(String otherUrl) throws SQLException;
}
