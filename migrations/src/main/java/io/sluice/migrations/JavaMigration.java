package io.sluice.migrations;

import java.sql.Connection;

/**
 * A migration written in Java, for data changes SQL cannot express well. Implementations live in
 * a {@code classpath:} location's package and are named like script files, as in Flyway:
 * {@code classpath:db/migration} finds {@code db.migration.V7__Backfill_totals}. They need a
 * public no-argument constructor.
 *
 * <p>The connection is the gate's own, inside the migration's transaction: do not commit, roll
 * back or close it.
 */
public interface JavaMigration {
    void migrate(Connection connection) throws Exception;
}
