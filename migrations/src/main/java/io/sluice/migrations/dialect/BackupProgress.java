package io.sluice.migrations.dialect;

/**
 * Told how far a backup has got, for a progress bar on a terminal. SQLite's online backup reports
 * the pages copied; a dialect that cannot tell (pg_dump) reports nothing.
 */
@FunctionalInterface
public interface BackupProgress {
    BackupProgress NONE = (done, total) -> { };

    void copied(int done, int total);
}
