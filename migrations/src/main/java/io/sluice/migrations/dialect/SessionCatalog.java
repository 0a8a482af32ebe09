package io.sluice.migrations.dialect;

import io.sluice.migrations.plan.CatalogSnapshot;
import io.sluice.migrations.plan.CatalogView;
import io.sluice.migrations.plan.TableShape;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The catalog hook of a gate session: the connection and schema the gate inspects and migrates,
 * read whole, looked up one object at a time, or built in a scratch place.
 */
public interface SessionCatalog {
    /** Where the history is read and migrations run. */
    Connection connection();

    /** The schema the gate inspects and migrates: SQLite {@code main}, PostgreSQL the current schema. */
    String schema();

    /**
     * The lower-case column names of the table or view named {@code table} in {@link #schema()}
     * (an unquoted name, folded as SQL folds it); empty when there is none. By default through
     * {@code DatabaseMetaData}; a dialect that knows a cheaper query answers with it, since every
     * start asks this of its history table.
     */
    default Set<String> columnsOf(String table) throws SQLException {
        DatabaseMetaData metaData = connection().getMetaData();
        String escape = metaData.getSearchStringEscape();
        for (String candidate : new String[] {table, table.toLowerCase(Locale.ROOT)}) {
            Set<String> columns = new LinkedHashSet<>();
            try (ResultSet rs = metaData.getColumns(null, pattern(schema(), escape), pattern(candidate, escape), null)) {
                while (rs.next()) {
                    columns.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                }
            }
            if (!columns.isEmpty()) {
                return columns;
            }
        }
        return Collections.emptySet();
    }

    /** A name as a metadata pattern that matches only itself: {@code _} is a wildcard there. */
    private static String pattern(String name, String escape) {
        if (escape == null || escape.isEmpty()) {
            return name;
        }
        return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    }

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
