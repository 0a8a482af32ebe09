package io.sluice.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * One throwaway database on a real PostgreSQL server, owned by {@link #user()}.
 *
 * <p>The URL never carries credentials, so a test can assert that a password it knows never shows
 * up in output. A child JVM can rebuild everything it needs from {@link #jdbcUrl()},
 * {@link #user()} and {@link #password()}.
 */
public final class PostgresDatabase {
    private final String jdbcUrl;
    private final String databaseName;
    private final String user;
    private final String password;
    private final String serverVersion;

    PostgresDatabase(String jdbcUrl, String databaseName, String user, String password, String serverVersion) {
        this.jdbcUrl = jdbcUrl;
        this.databaseName = databaseName;
        this.user = user;
        this.password = password;
        this.serverVersion = serverVersion;
    }

    /** {@code jdbc:postgresql://host:port/name}, without user or password. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** The same database behind Sluice's driver: {@code jdbc:sluice:postgresql://host:port/name}. */
    public String sluiceUrl() {
        return "jdbc:sluice:" + jdbcUrl.substring("jdbc:".length());
    }

    public String databaseName() {
        return databaseName;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** {@code user} and {@code password}, ready for {@link DriverManager#getConnection(String, Properties)}. */
    public Properties credentials() {
        Properties credentials = new Properties();
        credentials.setProperty("user", user);
        credentials.setProperty("password", password);
        return credentials;
    }

    /** The server's {@code server_version}, such as {@code 16.4}. */
    public String serverVersion() {
        return serverVersion;
    }

    /** A plain pgjdbc connection, not through Sluice. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, credentials());
    }

    /** Leaves the password out: assertion messages and logs print this. */
    @Override
    public String toString() {
        return jdbcUrl + " as " + user;
    }
}
