package io.sluice.migrations.config;

/** {@code sluice.backup}: what to back up before migrating. */
public enum Backup {
    /** The dialect's best method. */
    AUTO,
    /** No backup. */
    NONE,
    /**
     * One of a dialect's own methods ({@code Dialect.backupMethods()}), named by the setting's
     * text; the dialect refuses another database's method.
     */
    METHOD;

    /** Stands for the list of every dialect's methods in {@link Setting#BACKUP}'s description. */
    static final String METHODS = "{backup methods}";
}
