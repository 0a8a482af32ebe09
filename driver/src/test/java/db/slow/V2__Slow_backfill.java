package db.slow;

import io.sluice.migrations.JavaMigration;

import java.nio.file.Files;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.Statement;

/**
 * A data migration that, when {@code test.slowMarker} names a file, announces itself there and
 * then takes its time: long enough for a test to kill the JVM in the middle of migrating.
 */
public class V2__Slow_backfill implements JavaMigration {
    @Override
    public void migrate(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO cashback_account (user_id, balance) SELECT id, 5 FROM users");
        }
        String marker = System.getProperty("test.slowMarker");
        if (marker != null) {
            Files.createFile(Paths.get(marker));
            Thread.sleep(120_000);
        }
    }
}
