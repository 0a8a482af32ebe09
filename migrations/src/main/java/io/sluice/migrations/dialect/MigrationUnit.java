package io.sluice.migrations.dialect;

import io.sluice.migrations.error.Problem;

import java.sql.SQLException;
import java.util.List;

/**
 * The migration-unit hook of a gate session: how one migration and its history row become one
 * durable unit, or are undone, and which failures are only transient.
 */
public interface MigrationUnit {
    /** Starts one migration's unit of work; {@code transactional=false} for no-transaction scripts. */
    void beginMigration(boolean transactional) throws SQLException;

    /** Makes the migration and its history row one durable unit (or part of the run's, as the dialect says). */
    void commitMigration() throws SQLException;

    /**
     * Undoes the migration that failed; the history row of the failure is written after this.
     *
     * @return what was done, for the refusal's message ("it was rolled back")
     */
    String rollbackMigration() throws SQLException;

    /**
     * Whether a statement failed only because it waited too long for another session's lock: the
     * migration was rolled back and the next start should simply try again.
     */
    default boolean isLockTimeout(SQLException failure) {
        return false;
    }

    /**
     * Whether a statement failed because the connection itself was lost (a restarted server, a
     * killed backend): transient, the next connect tries again.
     */
    default boolean isConnectionLost(SQLException failure) {
        return Problem.isConnectionLoss(failure);
    }

    /**
     * Checks one migration right after its own statements, before its commit where the database
     * allows: the objects they create or alter are in the catalog. Nothing by default.
     *
     * @param applied the statements of this migration that ran, in order
     * @throws io.sluice.migrations.error.SluiceException {@code VERIFY_FAILED} naming what is missing
     */
    default void verifyMigration(List<String> applied) throws SQLException {
    }
}
