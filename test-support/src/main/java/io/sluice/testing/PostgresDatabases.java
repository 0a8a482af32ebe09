package io.sluice.testing;

import java.sql.SQLException;

/**
 * Fresh databases on this JVM's PostgreSQL server for code that {@link PostgresExtension} cannot
 * reach: a test that needs several databases at once, or a jqwik property (jqwik does not run
 * JUnit Jupiter extensions). Whoever creates a database drops it.
 */
public final class PostgresDatabases {
    private PostgresDatabases() {
    }

    /** A new, empty database owned by the test user, on the server chosen as {@link PostgresExtension} says. */
    public static PostgresDatabase create() throws SQLException {
        return PostgresServers.get().createDatabase();
    }

    /** Drops it, ending sessions left open; a failure only warns, as a leftover costs disk, not correctness. */
    public static void drop(PostgresDatabase database) {
        PostgresServers.get().dropDatabase(database.databaseName());
    }
}
