package io.sluice.migrations.util;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The JVM's host name, looked up once: for audit rows and lock owners. */
public final class HostName {
    private static volatile String cached;

    private HostName() {
    }

    public static String get() {
        String name = cached;
        if (name == null) {
            name = System.getenv("HOSTNAME");
            if (name == null || name.isEmpty()) {
                try {
                    name = InetAddress.getLocalHost().getHostName();
                } catch (UnknownHostException e) {
                    name = "unknown-host";
                }
            }
            cached = name;
        }
        return name;
    }
}
