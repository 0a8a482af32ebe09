package io.sluice.migrations.dialect;

import java.sql.SQLException;

/**
 * A throw-away copy of a database for {@code rehearse}, made by only reading the original.
 * Closing it drops it; callers close it on every path.
 */
public interface ScratchCopy extends AutoCloseable {
    /** The copy's own JDBC URL: the gate runs there. */
    String jdbcUrl();

    /** Where the copy is, for the report: a file, or a database on a server. */
    String location();

    /** How it was made, for the report: "SQLite online backup, verified (integrity_check, row counts)". */
    String method();

    /** Whether the copy is gone: asked after {@link #close()}, so the report can say so only when it is true. */
    boolean isGone() throws SQLException;

    /** Drops the copy. */
    @Override
    void close() throws SQLException;
}
