package io.sluice.benchmarks;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Path;

/** PostgreSQL: an embedded server from Maven Central's binaries, so nothing needs installing. */
public class PostgresGateBenchmark extends NothingPendingBenchmark {
    private EmbeddedPostgres postgres;

    @Override
    String startDatabase(Path directory) throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        login.setProperty("user", "postgres");
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
    }

    @Override
    void stopDatabase() throws IOException {
        postgres.close();
    }
}
