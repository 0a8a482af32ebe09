package io.sluice.testing;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** A running PostgreSQL server: an admin creates and drops the databases that tests log into. */
final class PostgresServer {
    /** The role tests log in as on a server this JVM started. */
    static final Login TEST_LOGIN = new Login("sluice", "s3cret-Pa55word");

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final String source;
    private final String authority;
    private final String parameters;
    private final String adminDatabase;
    private final Login admin;
    private final Login tester;
    private final String version;
    private final int majorVersion;

    /**
     * @param authority  {@code host:port} as written in a JDBC URL
     * @param parameters a query string without credentials ({@code ?sslmode=require}), or empty
     */
    PostgresServer(String source, String authority, String parameters, String adminDatabase, Login admin, Login tester)
            throws SQLException {
        this.source = source;
        this.authority = authority;
        this.parameters = parameters;
        this.adminDatabase = adminDatabase;
        this.admin = admin;
        this.tester = tester;
        try (Connection connection = adminConnection();
             Statement statement = connection.createStatement()) {
            // Distribution builds append their packaging, as in "16.4 (Debian 16.4-1.pgdg120+1)".
            this.version = single(statement, "SHOW server_version").split(" ")[0];
            this.majorVersion = connection.getMetaData().getDatabaseMajorVersion();
        }
    }

    /** Creates {@link #TEST_LOGIN} with just enough rights to be a realistic application user. */
    static void createTestRole(Statement admin) throws SQLException {
        admin.execute("CREATE ROLE " + identifier(TEST_LOGIN.user()) + " LOGIN CREATEDB PASSWORD "
                + literal(TEST_LOGIN.password()));
    }

    /** A password nobody needs to know: only this JVM's admin connections use it. */
    static String randomPassword() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static String single(Statement statement, String query) throws SQLException {
        try (ResultSet rs = statement.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The line CI shows, so a run says which server its PostgreSQL tests really used. */
    String describe() {
        return "PostgreSQL " + version + " via " + source + " on " + authority;
    }

    /**
     * A new, empty database owned by the test user. The counter keeps names readable in server logs;
     * the random part keeps JVMs that share one server apart.
     */
    PostgresDatabase createDatabase() throws SQLException {
        String name = "sluice_test_" + DATABASES.incrementAndGet() + "_"
                + String.format("%06x", ThreadLocalRandom.current().nextInt(0x1000000));
        try (Connection connection = adminConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name + " OWNER " + identifier(tester.user()));
        }
        return new PostgresDatabase(url(name), name, tester.user(), tester.password(), version);
    }

    /** Best effort: a database left behind costs disk, not correctness, so a failure only warns. */
    void dropDatabase(String name) {
        // FORCE (PostgreSQL 13+) ends sessions a test forgot to close, which would block a plain DROP.
        String force = majorVersion >= 13 ? " WITH (FORCE)" : "";
        try (Connection connection = adminConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + force);
        } catch (SQLException e) {
            System.err.println("[sluice-test] could not drop database " + name + " on " + authority + ": "
                    + e.getMessage());
        }
    }

    private Connection adminConnection() throws SQLException {
        return DriverManager.getConnection(url(adminDatabase), admin.properties());
    }

    private String url(String database) {
        return "jdbc:postgresql://" + authority + "/" + database + parameters;
    }

    private static String identifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** A user name and its password; {@link #toString()} leaves the password out. */
    record Login(String user, String password) {
        Properties properties() {
            Properties properties = new Properties();
            properties.setProperty("user", user);
            properties.setProperty("password", password);
            return properties;
        }

        @Override
        public String toString() {
            return user;
        }
    }
}
