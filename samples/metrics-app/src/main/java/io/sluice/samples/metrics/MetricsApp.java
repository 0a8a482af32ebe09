package io.sluice.samples.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sluice.Sluice;

import java.util.Map;

/**
 * A service whose operators watch its startup gate: a HikariCP pool on PostgreSQL behind Sluice's
 * driver, and the gate's meters (with the pool's own) at {@code /metrics} in Prometheus text format.
 *
 * <p>Usage: {@code java -jar metrics-app.jar [jdbc:sluice:postgresql://host:port/db] [--port N]}.
 * The login comes from {@code DB_USER} and {@code DB_PASSWORD}, which keeps the password out of
 * the URL and the process list. Without a URL the sample starts an embedded PostgreSQL for
 * itself. The port defaults to {@code PORT} or 8080; 0 picks a free one.
 */
public final class MetricsApp {
    private static final int DEFAULT_PORT = 8080;
    private static final String USAGE = "usage: metrics-app [jdbc:sluice:postgresql://host:port/db] [--port N]";

    private MetricsApp() {
    }

    public static void main(String[] args) throws Exception {
        // One line per log record, so the gate's report reads as a short story on the console.
        System.setProperty("java.util.logging.SimpleFormatter.format", "[%4$s] %5$s%6$s%n");
        Map<String, String> env = System.getenv();
        String url = null;
        int port = env.containsKey("PORT") ? port(env.get("PORT")) : DEFAULT_PORT;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--port") && i + 1 < args.length) {
                port = port(args[++i]);
            } else if (args[i].startsWith("jdbc:") && url == null) {
                url = args[i];
            } else {
                exit("unexpected argument '" + args[i] + "'; " + USAGE);
            }
        }

        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Sluice.meterRegistry(registry); // before the first connection, so the gate's meters land here
        EmbeddedDatabase embedded = url == null ? EmbeddedDatabase.start() : null;
        Accounts accounts = embedded != null
                ? Accounts.open(embedded.url(), EmbeddedDatabase.USER, null, registry)
                : Accounts.open(url, env.get("DB_USER"), env.get("DB_PASSWORD"), registry);
        MetricsServer server = MetricsServer.start(port, registry, accounts::status);
        System.out.println("metrics-app: serving http://localhost:" + server.port() + "/metrics");

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            accounts.close();
            if (embedded != null) {
                try {
                    embedded.close();
                } catch (Exception e) {
                    System.err.println("metrics-app: could not stop the embedded PostgreSQL: " + e.getMessage());
                }
            }
        }));
    }

    private static int port(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            exit("the port '" + text + "' is not a number; " + USAGE);
            return -1;
        }
    }

    private static void exit(String message) {
        System.err.println("metrics-app: " + message);
        System.exit(2);
    }
}
