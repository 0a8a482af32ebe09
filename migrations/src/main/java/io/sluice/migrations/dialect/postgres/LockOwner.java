package io.sluice.migrations.dialect.postgres;

import io.sluice.migrations.util.HostName;

import java.util.Properties;

/** How a lock holder names itself, so a waiter's message can say who holds the lock. */
final class LockOwner {
    private LockOwner() {
    }

    /** {@code sluice <role> host=web-2 pid=4242}, at most 63 characters as PostgreSQL keeps. */
    static String describe(String role) {
        String name = "sluice " + role + " host=" + HostName.get() + " pid=" + ProcessHandle.current().pid();
        return name.length() <= 63 ? name : name.substring(0, 63);
    }

    /**
     * Connection properties for a lock connection: it names itself in {@code pg_stat_activity}, and
     * TCP keepalive lets the server notice a holder cut off by the network instead of keeping its
     * session (and lock) for hours.
     */
    static Properties connectionProperties(String role) {
        Properties properties = new Properties();
        properties.setProperty("ApplicationName", describe(role));
        properties.setProperty("tcpKeepAlive", "true");
        return properties;
    }
}
