package io.sluice.migrations.plan;

import java.sql.SQLException;

/**
 * Looks up one object of the inspected schema by name, as a statement sees it: the planner asks
 * its model of the catalog as the earlier pending statements will leave it; the migrator asks
 * the live catalog at the moment the statement would run, inside the migration's transaction.
 * Bare names arrive lower-cased, quoted ones as written.
 */
public interface CatalogView {
    Lookup<TableShape> table(String name) throws SQLException;

    Lookup<IndexShape> index(String name) throws SQLException;

    Lookup<String> view(String name) throws SQLException;

    Lookup<String> trigger(String name) throws SQLException;
}
