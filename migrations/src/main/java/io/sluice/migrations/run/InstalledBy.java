package io.sluice.migrations.run;

import io.sluice.migrations.util.HostName;

import java.sql.Connection;
import java.sql.SQLException;

/** The {@code installed_by} audit value: the database user (else the OS user) and the JVM's host. */
public final class InstalledBy {
    private InstalledBy() {
    }

    public static String describe(Connection connection) {
        String user = null;
        try {
            user = connection.getMetaData().getUserName();
        } catch (SQLException | RuntimeException ignored) {
            // some drivers cannot tell; the OS user is the next best answer
        }
        if (user == null || user.isEmpty()) {
            user = System.getProperty("user.name", "unknown");
        }
        return user + "@" + HostName.get();
    }
}
