package io.sluice.samples.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** {@code /metrics} in Prometheus text format and {@code /} with the service's status, on the JDK's HTTP server. */
final class MetricsServer implements AutoCloseable {
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;

    private MetricsServer(HttpServer server) {
        this.server = server;
    }

    /** Port 0 picks a free one; {@link #port()} tells which. */
    static MetricsServer start(int port, PrometheusMeterRegistry registry, Supplier<Status> status) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/metrics", exchange -> respond(exchange, 200, PROMETHEUS_TEXT, registry.scrape()));
        server.createContext("/", exchange -> {
            Status current = status.get();
            respond(exchange, current.healthy() ? 200 : 503, "text/plain; charset=utf-8", current.text() + "\n");
        });
        server.start();
        return new MetricsServer(server);
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, int code, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** What {@code /} answers: 200 while the database is usable, 503 once its gate failed. */
    static final class Status {
        private final boolean healthy;
        private final String text;

        Status(boolean healthy, String text) {
            this.healthy = healthy;
            this.text = text;
        }

        boolean healthy() {
            return healthy;
        }

        String text() {
            return text;
        }
    }
}
