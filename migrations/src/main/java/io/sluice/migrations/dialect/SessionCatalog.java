package io.sluice.migrations.dialect;

import io.sluice.migrations.plan.CatalogSnapshot;
import io.sluice.migrations.plan.CatalogView;
import io.sluice.migrations.plan.TableShape;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The catalog hook of a gate session: the connection and schema the gate inspects and migrates,
 * read whole, looked up one object at a time, or built in a scratch place.
 */
public interface SessionCatalog {
    /** Where the history is read and migrations run. */
    Connection connection();

    /** The schema the gate inspects and migrates: SQLite {@code main}, PostgreSQL the current schema. */
    String schema();

    /** The live catalog of {@link #schema()}: tables with their columns, indexes, views, triggers. */
    CatalogSnapshot readCatalog() throws SQLException;

    /**
     * The live catalog of {@link #schema()}, looked up one object at a time on {@link #connection()}:
     * inside a running migration it sees that migration's earlier statements. Skips rest on it.
     */
    CatalogView liveCatalog();

    /**
     * The shape a {@code CREATE TABLE} definition ({@code (id INTEGER PRIMARY KEY, …)}) would have,
     * found by running it in a scratch place that leaves the database unchanged; null when it
     * cannot run there on its own.
     */
    TableShape probeTable(String definition) throws SQLException;

    /**
     * The catalog these statements build in an empty scratch place (SQLite: an in-memory
     * database; PostgreSQL: a scratch schema in a transaction that is rolled back), for {@code drift}.
     */
    CatalogSnapshot scratchCatalog(List<String> statements) throws SQLException;
}
