package io.sluice.migrations.dialect.postgres;

import io.sluice.migrations.config.Settings;
import io.sluice.migrations.dialect.Connector;
import io.sluice.migrations.dialect.Dialect;
import io.sluice.migrations.dialect.GateSession;
import io.sluice.migrations.sql.SplitRules;

import java.sql.SQLException;

/**
 * PostgreSQL through pgjdbc, for fleets: the database's own advisory locks (or a lease row for
 * PgBouncer), transactional DDL, {@code pg_dump} or a built-in logical backup, and a catalog
 * check instead of row counts, because other instances keep writing during a rolling deploy.
 */
public final class PostgresDialect implements Dialect {
    static final String URL_PREFIX = "jdbc:postgresql:";

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public boolean handles(String jdbcUrl) {
        return jdbcUrl.startsWith(URL_PREFIX);
    }

    /** The database name: {@code jdbc:postgresql://host:5432/shop?…} is {@code shop}. */
    @Override
    public String databaseName(String jdbcUrl) {
        String rest = jdbcUrl.substring(URL_PREFIX.length());
        int query = rest.indexOf('?');
        if (query >= 0) {
            rest = rest.substring(0, query);
        }
        if (rest.startsWith("//")) {
            int slash = rest.indexOf('/', 2);
            rest = slash < 0 ? "" : rest.substring(slash + 1);
        }
        return rest.isEmpty() ? "postgres" : rest;
    }

    @Override
    public SplitRules splitRules() {
        return SplitRules.POSTGRES;
    }

    @Override
    public String historyTableDdl(String table) {
        return "CREATE TABLE " + table + " ("
                + "installed_rank INTEGER NOT NULL PRIMARY KEY, "
                + "version VARCHAR(50), "
                + "description VARCHAR(200) NOT NULL, "
                + "type VARCHAR(20) NOT NULL, "
                + "script VARCHAR(1000) NOT NULL, "
                + "checksum VARCHAR(100), "
                + "installed_by VARCHAR(100) NOT NULL, "
                + "installed_on TIMESTAMPTZ NOT NULL DEFAULT now(), "
                + "execution_time_ms INTEGER NOT NULL, "
                + "success BOOLEAN NOT NULL, "
                + "adopted BOOLEAN NOT NULL DEFAULT FALSE, "
                + "backup VARCHAR(1000))";
    }

    @Override
    public GateSession open(String jdbcUrl, Connector connector, Settings settings) throws SQLException {
        return new PostgresSession(jdbcUrl, connector, settings, databaseName(jdbcUrl));
    }
}
