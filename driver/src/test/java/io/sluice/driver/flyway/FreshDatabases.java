package io.sluice.driver.flyway;

import io.sluice.testing.PostgresDatabase;
import io.sluice.testing.PostgresDatabases;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Fresh PostgreSQL databases for the differential tests, with a bound on every statement. */
final class FreshDatabases {
    /**
     * Far above what any statement here needs; a {@code CREATE INDEX CONCURRENTLY} that waits for
     * a transaction its own run keeps open would otherwise hang the build instead of failing.
     */
    static final String STATEMENT_TIMEOUT = "20s";

    private FreshDatabases() {
    }

    /** A new database whose sessions give up on a statement after {@value #STATEMENT_TIMEOUT}; the caller drops it. */
    static PostgresDatabase postgres() throws SQLException {
        PostgresDatabase database = PostgresDatabases.create();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("ALTER DATABASE " + SchemaDump.quoteIdentifier(database.databaseName())
                    + " SET statement_timeout = '" + STATEMENT_TIMEOUT + "'");
        } catch (SQLException | RuntimeException e) {
            PostgresDatabases.drop(database);
            throw e;
        }
        return database;
    }

    /** Two fresh databases, one for each tool, dropped together. */
    static Pair postgresPair() throws SQLException {
        PostgresDatabase flyway = postgres();
        try {
            return new Pair(flyway, postgres());
        } catch (SQLException | RuntimeException e) {
            PostgresDatabases.drop(flyway);
            throw e;
        }
    }

    record Pair(PostgresDatabase flyway, PostgresDatabase sluice) implements AutoCloseable {
        @Override
        public void close() {
            PostgresDatabases.drop(sluice);
            PostgresDatabases.drop(flyway);
        }
    }

    /** The database's URL with {@code currentSchema}, as Sluice and pgjdbc take it. */
    static String inSchema(PostgresDatabase database, String schema) {
        String url = database.jdbcUrl();
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }
}
