package io.sluice.migrations.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens connections through the application's own JDBC driver. The engine never looks up
 * drivers itself: the JDBC driver adapter, the agent or {@code io.sluice.Sluice} hand it this.
 */
public interface Connector {
    /** A connection to the gated database, with the application's own properties. */
    default Connection connect() throws SQLException {
        return connect(new Properties());
    }

    /** A connection to the gated database, with some properties added or replaced. */
    Connection connect(Properties overrides) throws SQLException;

    /** A connection to another database of the same driver (a backup copy, a scratch database), same credentials. */
    Connection connectTo(String otherUrl) throws SQLException;

    /** The application's connection properties (user, password…), for tools that connect on their own. */
    Properties properties();
}
