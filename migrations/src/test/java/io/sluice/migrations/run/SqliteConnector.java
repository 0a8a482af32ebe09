package io.sluice.migrations.run;

import io.sluice.migrations.dialect.Connector;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/** Connections straight from sqlite-jdbc's driver: a real database, no mock. */
record SqliteConnector(String url) implements Connector {
    @Override
    public Connection connect(Properties overrides) throws SQLException {
        return new org.sqlite.JDBC().connect(url, overrides);
    }

    @Override
    public Connection connectTo(String otherUrl) throws SQLException {
        return new org.sqlite.JDBC().connect(otherUrl, new Properties());
    }

    @Override
    public Properties properties() {
        return new Properties();
    }
}
