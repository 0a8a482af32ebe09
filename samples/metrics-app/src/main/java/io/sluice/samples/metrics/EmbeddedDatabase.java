package io.sluice.samples.metrics;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;

/**
 * A throwaway PostgreSQL server from the binaries on Maven Central, for running the sample with
 * nothing installed. Its data directory is temporary: every start migrates a fresh database.
 */
final class EmbeddedDatabase implements AutoCloseable {
    static final String USER = "postgres";

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static EmbeddedDatabase start() throws IOException {
        return new EmbeddedDatabase(EmbeddedPostgres.builder().start());
    }

    /** The server's own {@code postgres} database behind Sluice's driver. */
    String url() {
        return "jdbc:sluice:postgresql://localhost:" + postgres.getPort() + "/postgres";
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
