package io.sluice.migrations.dialect.postgres;

import io.sluice.Sluice;
import io.sluice.migrations.plan.Finding;
import io.sluice.migrations.plan.Plan;
import io.sluice.migrations.plan.PlannedMigration;
import io.sluice.testing.PostgresDatabase;
import io.sluice.testing.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 18, item 10: {@code index-without-concurrently} is about an existing, filled table that
 * writers use while the index builds. An index on a table created earlier in the same run (same
 * script or an earlier pending one) locks nobody out.
 */
@ExtendWith(PostgresExtension.class)
class NewTableLockHazardTest {
    @TempDir
    Path dir;

    private List<String> rules(PostgresDatabase database, Path sql) throws Exception {
        Properties settings = database.credentials();
        settings.setProperty("sluice.locations", "filesystem:" + sql);
        Plan plan = Sluice.plan(database.jdbcUrl(), settings);
        List<String> rules = new ArrayList<>();
        for (PlannedMigration migration : plan.pending()) {
            for (Finding finding : migration.findings()) {
                rules.add(migration.migration().script() + ":" + finding.line() + " " + finding.rule());
            }
        }
        return rules;
    }

    @Test
    void anIndexOnATableCreatedInTheSameRunIsNoLockHazard(PostgresDatabase database) throws Exception {
        Path sql = Files.createDirectories(dir.resolve("sql"));
        Files.writeString(sql.resolve("V1__orders.sql"), "CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id BIGINT);\n"
                + "CREATE INDEX orders_customer ON orders (customer_id);\n");
        Files.writeString(sql.resolve("V2__order_lines.sql"), "CREATE TABLE order_lines (id BIGINT PRIMARY KEY, order_id BIGINT);\n");
        Files.writeString(sql.resolve("V3__order_lines_index.sql"), "CREATE INDEX order_lines_order ON order_lines (order_id);\n");

        assertEquals(List.of(), rules(database, sql));
    }

    @Test
    void anIndexOnATableThatExistsBeforeTheRunStillIsOne(PostgresDatabase database) throws Exception {
        try (var connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE customers (id BIGINT PRIMARY KEY, email TEXT)");
        }
        Path sql = Files.createDirectories(dir.resolve("sql"));
        Files.writeString(sql.resolve("V1__customers_email.sql"), "CREATE INDEX customers_email ON customers (email);\n");

        assertEquals(List.of("V1__customers_email.sql:1 index-without-concurrently"), rules(database, sql));
    }
}
