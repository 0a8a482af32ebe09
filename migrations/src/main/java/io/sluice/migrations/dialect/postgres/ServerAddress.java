package io.sluice.migrations.dialect.postgres;

import java.util.Properties;

/** Where and as whom to connect, for external tools: what pgjdbc reads from the URL and properties. */
final class ServerAddress {
    final String host;
    final String port;
    final String database;
    final String user;
    final String password;
    final String sslMode;

    private ServerAddress(Properties parsed) {
        String hosts = parsed.getProperty("PGHOST", "localhost");
        String ports = parsed.getProperty("PGPORT", "5432");
        this.host = hosts.split(",")[0];
        this.port = ports.split(",")[0];
        this.database = parsed.getProperty("PGDBNAME", "");
        this.user = parsed.getProperty("user", System.getProperty("user.name"));
        this.password = parsed.getProperty("password");
        this.sslMode = parsed.getProperty("sslmode");
    }

    /** Parsed the way pgjdbc itself parses, so tools reach the same server as the application. */
    static ServerAddress of(String jdbcUrl, Properties properties) {
        Properties parsed = org.postgresql.Driver.parseURL(jdbcUrl, properties);
        if (parsed == null) {
            throw new IllegalArgumentException("pgjdbc cannot parse the database URL");
        }
        return new ServerAddress(parsed);
    }
}
