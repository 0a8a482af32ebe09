package io.sluice.agent;

import io.sluice.testing.JavaProcess;
import io.sluice.testing.PostgresDatabase;
import io.sluice.testing.PostgresExtension;
import legacy.HikariApp;
import legacy.PgDataSourceApp;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Legacy PostgreSQL apps on pgjdbc's own data source, gated by {@code -javaagent}. */
@ExtendWith(PostgresExtension.class)
class PostgresAgentIT {
    private static final String PG_CONNECTION = "connection=org.postgresql.jdbc.PgConnection";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.sluice.agent.Jdk#all")
    void pgSimpleDataSourceConnectsAreGatedOnce(Jdk jdk, PostgresDatabase db) throws Exception {
        JavaProcess.Result run = run(LegacyJvm.withAgent(PgDataSourceApp.class, jdk, "locations=filesystem:" + migrations())
                .args(db.jdbcUrl()), db);

        assertGatedOnce(run, db, 2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.sluice.agent.Jdk#all")
    void hikariWithPgSimpleDataSourceClassAndPoolCredentialsIsGatedOnce(Jdk jdk, PostgresDatabase db) throws Exception {
        JavaProcess.Result run = run(LegacyJvm.withAgent(HikariApp.class, jdk, "locations=filesystem:" + migrations())
                .args(db.jdbcUrl(), "org.postgresql.ds.PGSimpleDataSource"), db);

        assertGatedOnce(run, db, 3);
    }

    private static void assertGatedOnce(JavaProcess.Result run, PostgresDatabase db, int connections) throws Exception {
        assertEquals(0, run.exitCode(), run.output());
        assertEquals(connections, SqliteAgentIT.count(run.output(), PG_CONNECTION), run.output());
        assertEquals(1, SqliteAgentIT.count(run.output(), "migrated v0 -> v2"), run.output());
        assertFalse(run.output().contains(db.password()), "the password was printed");
        assertFalse(run.output().contains("WARNING"), run.output());
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM sluice_schema_history WHERE success")) {
            rows.next();
            assertEquals(2, rows.getLong(1));
        }
    }

    private Path migrations() throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__create_item.sql"),
                "CREATE TABLE item (id BIGINT PRIMARY KEY, name TEXT NOT NULL);\n");
        Files.writeString(migrations.resolve("V2__add_price.sql"), "ALTER TABLE item ADD COLUMN price INTEGER;\n");
        return migrations;
    }

    private JavaProcess.Result run(JavaProcess process, PostgresDatabase db) throws Exception {
        return process.env("APP_USER", db.user()).env("APP_PASSWORD", db.password()).workingDirectory(dir)
                .run(dir.resolve("app.log"), Duration.ofMinutes(2));
    }
}
