package db.javamig;

import io.sluice.migrations.JavaMigration;
import java.sql.Connection;

/** A Java migration found by ResolverTest at {@code classpath:db/javamig}. */
public class V2__Backfill implements JavaMigration {
    @Override
    public void migrate(Connection connection) {
        // resolved, never run
    }
}
