package io.sluice.testing;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** PostgreSQL in a Docker container, reached through Testcontainers. */
final class ContainerServer {
    static final String IMAGE = "postgres:16-alpine";
    static final String SOURCE = "Testcontainers (" + IMAGE + ")";

    private static final String ADMIN = "postgres";

    private ContainerServer() {
    }

    static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    /** Starts a container that a shutdown hook stops, in case Testcontainers' reaper is turned off. */
    static PostgresServer start() throws SQLException {
        PostgresServer.Login admin = new PostgresServer.Login(ADMIN, PostgresServer.randomPassword());
        PostgreSQLContainer<?> container = new PostgreSQLContainer<>(DockerImageName.parse(IMAGE))
                .withDatabaseName(ADMIN)
                .withUsername(admin.user())
                .withPassword(admin.password());
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "sluice-test-postgres-container"));
        // The image's POSTGRES_USER is a superuser; tests log in as an ordinary role, as applications do.
        try (Connection connection = DriverManager.getConnection(container.getJdbcUrl(), admin.properties());
             Statement statement = connection.createStatement()) {
            PostgresServer.createTestRole(statement);
        }
        String authority = container.getHost() + ":" + container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT);
        return new PostgresServer(SOURCE, authority, "", ADMIN, admin, PostgresServer.TEST_LOGIN);
    }
}
