package io.sluice.migrations.dialect;

/**
 * Told how a backup goes: how far its copy has got, for a progress bar on a terminal, and how long
 * checking the finished copy took, which the gate reports apart from the copy (SPEC §4 step 4).
 * SQLite's online backup reports the pages copied; a dialect that cannot tell (pg_dump) reports none.
 */
@FunctionalInterface
public interface BackupProgress {
    BackupProgress NONE = (done, total) -> { };

    void copied(int done, int total);

    /**
     * Whether anyone watches the pages copied: SQLite's copy for nobody goes through plain SQL
     * ({@code backup to}), which needs none of the driver's classes (see {@code SqlitePageCopy}).
     */
    default boolean watchesPages() {
        return this != NONE;
    }

    /** The copy was checked (SQLite: integrity and row counts; PostgreSQL: the dump reads back) in this time. */
    default void checked(long nanos) {
    }
}
