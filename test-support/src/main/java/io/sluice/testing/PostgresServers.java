package io.sluice.testing;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks this JVM's PostgreSQL server once, on first use: the one named by {@code SLUICE_TEST_PG_URL},
 * else a Testcontainers container when Docker answers, else an embedded server. Test classes share it.
 */
final class PostgresServers {
    private static final PrintStream CONSOLE = new PrintStream(new FileOutputStream(FileDescriptor.err), true,
            StandardCharsets.UTF_8);
    private static PostgresServer server;
    private static String failure;
    private static Exception failureCause;

    private PostgresServers() {
    }

    /**
     * The server, started on the first call. Never skips: when no option works, every call throws the
     * same account of all three, so each PostgreSQL test fails with it instead of retrying a slow start.
     */
    static synchronized PostgresServer get() {
        if (server == null && failure == null) {
            resolve();
        }
        if (failure != null) {
            throw new IllegalStateException(failure, failureCause);
        }
        return server;
    }

    private static void resolve() {
        List<String> attempts = new ArrayList<>();
        String url = System.getenv(UrlServer.VARIABLE);
        if (url != null && !url.isBlank()) {
            // Whoever names a server wants that one: falling back to another would hide their mistake.
            if (!use(attempts, UrlServer.VARIABLE, () -> UrlServer.connect(url))) {
                attempts.add(ContainerServer.SOURCE + ": not tried, " + UrlServer.VARIABLE + " is set");
                attempts.add(EmbeddedServer.SOURCE + ": not tried, " + UrlServer.VARIABLE + " is set");
                fail(attempts);
            }
            return;
        }
        attempts.add(UrlServer.VARIABLE + ": not set");
        if (ContainerServer.dockerAvailable()) {
            if (use(attempts, ContainerServer.SOURCE, ContainerServer::start)) {
                return;
            }
            // Said now, since a working fallback would otherwise hide that Docker was there but failed.
            announce(attempts.get(attempts.size() - 1) + "; trying " + EmbeddedServer.SOURCE);
        } else {
            attempts.add(ContainerServer.SOURCE + ": no Docker engine answered");
        }
        if (!use(attempts, EmbeddedServer.SOURCE, EmbeddedServer::start)) {
            fail(attempts);
        }
    }

    /** Starts one option; on success announces it, on failure records why and keeps the first cause. */
    private static boolean use(List<String> attempts, String source, Start start) {
        long started = System.nanoTime();
        try {
            server = start.start();
        } catch (Exception e) {
            attempts.add(source + ": " + e);
            if (failureCause == null) {
                failureCause = e;
            } else {
                failureCause.addSuppressed(e);
            }
            return false;
        }
        announce(String.format("%s, ready in %.1f s", server.describe(), (System.nanoTime() - started) / 1e9));
        return true;
    }

    private static void fail(List<String> attempts) {
        StringBuilder message = new StringBuilder("No PostgreSQL server for the tests. Tried in order:");
        for (int i = 0; i < attempts.size(); i++) {
            message.append("\n  ").append(i + 1).append(". ").append(attempts.get(i));
        }
        message.append("\nTo fix: set ").append(UrlServer.VARIABLE).append('=').append(UrlServer.EXAMPLE)
                .append(" for a server that answers, start a Docker engine, or remove what stops the embedded")
                .append(" server (the causes below).");
        failure = message.toString();
        announce(failure);
    }

    /**
     * Surefire writes a test's System.out and System.err to report files (redirectTestOutputToFile);
     * what the JVM writes to its own stderr reaches the build's console, so which server ran is seen
     * in every build log, CI's included.
     */
    private static void announce(String line) {
        CONSOLE.println("[sluice-test] " + line);
    }

    /** One way to get a server. */
    private interface Start {
        PostgresServer start() throws Exception;
    }
}
