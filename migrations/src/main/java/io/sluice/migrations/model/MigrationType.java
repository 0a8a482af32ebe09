package io.sluice.migrations.model;

/** The {@code type} column of the history table. */
public enum MigrationType {
    SQL, JAVA, REPEATABLE, UNDO, BASELINE
}
