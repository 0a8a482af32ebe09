package io.sluice.samples.lending;

import io.sluice.testing.JavaProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LendingAppTest {
    @TempDir
    Path dir;

    @Test
    void firstRunCreatesAndMigratesTheDatabaseAndSecondRunFindsNothingPending() throws Exception {
        Path database = dir.resolve("data/lending.db");

        JavaProcess.Result first = JavaProcess.of(LendingApp.class).args(database.toString())
                .run(dir.resolve("first.log"), Duration.ofMinutes(1));
        assertEquals(0, first.exitCode(), first.output());
        assertTrue(first.output().contains("migrated v0 -> v3"), first.output());
        assertTrue(first.output().contains("got org.sqlite.jdbc4.JDBC4Connection"), first.output());
        assertTrue(first.output().contains("3 users, 3 loans, 4 payments, 6 cashback tables, schema version 3"),
                first.output());
        assertTrue(Files.exists(database));

        JavaProcess.Result second = JavaProcess.of(LendingApp.class).args(database.toString())
                .run(dir.resolve("second.log"), Duration.ofMinutes(1));
        assertEquals(0, second.exitCode(), second.output());
        assertTrue(second.output().contains("nothing pending"), second.output());
    }
}
