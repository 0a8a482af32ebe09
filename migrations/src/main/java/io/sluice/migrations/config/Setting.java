package io.sluice.migrations.config;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Every {@code sluice.*} setting: its key, default, kind of value and one line of documentation.
 * This one list drives parsing, validation, the unknown-key hint, environment variable names,
 * {@code Driver.getPropertyInfo} and the settings table in docs/. Kept sorted by key.
 */
public enum Setting {
    ALLOW_DESTRUCTIVE("allowDestructive", "false", Kind.BOOLEAN,
            "permit destructive statements without a per-file approval"),
    BACKUP("backup", "auto", Kind.CHOICE,
            "`auto`, `none`, or a dialect method (`sqlite-online`, `pg_dump`)",
            "auto", "none", "sqlite-online", "pg_dump"),
    BACKUP_DIR("backupDir", null, Kind.TEXT,
            "where backups go; SQLite: `backups/` beside the database file, PostgreSQL: `./sluice-backups`"),
    BACKUP_RETAIN("backupRetain", "10", Kind.COUNT,
            "backups kept per database (its own, told apart by their metadata); older ones are deleted "
                    + "whenever a new one is taken"),
    CONFIG("config", null, Kind.TEXT,
            "path of a properties file, read after `sluice.properties` on the classpath: where both set a key, this file wins (not from the URL)"),
    ENABLED("enabled", "true", Kind.BOOLEAN,
            "`false` makes Sluice a pure pass-through"),
    EXCLUDE("exclude", null, Kind.LIST,
            "globs over the delegate URL without its query string choosing which databases are not gated (for the agent)"),
    GATE_TIMEOUT("gateTimeout", "PT30M", Kind.DURATION,
            "longest a connecting thread waits at a closed gate"),
    INCLUDE("include", null, Kind.LIST,
            "globs over the delegate URL without its query string choosing which databases are gated (for the agent); all when unset"),
    LEGACY_TABLE("legacyTable", null, Kind.IDENTIFIER,
            "a home-made history table (`schema_migrations`) whose recorded versions are adopted, after the "
                    + "statement-level check, when Sluice's own history is empty"),
    LEGACY_VERSION_COLUMN("legacyVersionColumn", "version", Kind.IDENTIFIER,
            "the column of `legacyTable` that holds the version (`3` adopts `V3__…`)"),
    LOCATIONS("locations", "classpath:db/migration", Kind.LIST,
            "comma-separated `classpath:` and `filesystem:` folders"),
    LOCK_MODE("lockMode", "auto", Kind.CHOICE,
            "PostgreSQL: `advisory` or `table` (a lease row, for PgBouncer); SQLite: its write lock",
            "auto", "advisory", "table"),
    LOCK_TIMEOUT("lockTimeout", "PT10M", Kind.DURATION,
            "ISO-8601 duration to wait for another process's migration"),
    MIXED("mixed", "false", Kind.BOOLEAN,
            "run a script that mixes statements that cannot run in a transaction (CREATE INDEX CONCURRENTLY, VACUUM) "
                    + "with others outside a transaction instead of refusing it (Flyway's `mixed`)"),
    ON_FAILURE("onFailure", "fail", Kind.CHOICE,
            "`fail`: every connect throws until fixed; `serve`: hand back connections to the old schema and report the failure",
            "fail", "serve"),
    ON_FUTURE("onFuture", "warn", Kind.CHOICE,
            "the database has versions this code does not know: `warn` or `fail`",
            "warn", "fail"),
    OUT_OF_ORDER("outOfOrder", "false", Kind.BOOLEAN,
            "apply a pending versioned migration older than the newest applied one (a new file below the "
                    + "current version); refused when `false`"),
    PG_DUMP("pgDump", "pg_dump", Kind.TEXT,
            "the `pg_dump` program to use (not from the URL)"),
    PLACEHOLDER_REPLACEMENT("placeholderReplacement", "true", Kind.BOOLEAN,
            "replace `${...}` placeholders in SQL scripts"),
    PLACEHOLDERS("placeholders", null, Kind.PREFIX,
            "`placeholders.<name>`: the value of `${name}` in SQL scripts"),
    TABLE("table", "sluice_schema_history", Kind.IDENTIFIER,
            "history table name"),
    TARGET("target", "latest", Kind.TARGET,
            "highest version to apply");

    /** How a value is read and checked. */
    enum Kind { BOOLEAN, CHOICE, COUNT, DURATION, IDENTIFIER, LIST, PREFIX, TARGET, TEXT }

    public static final String PREFIX = "sluice.";

    private final String key;
    private final String defaultValue;
    private final Kind kind;
    private final String description;
    private final List<String> choices;

    Setting(String key, String defaultValue, Kind kind, String description, String... choices) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.kind = kind;
        this.description = description;
        this.choices = Collections.unmodifiableList(Arrays.asList(choices));
    }

    /** The key without the {@code sluice.} prefix, in camel case: {@code backupDir}. */
    public String key() {
        return key;
    }

    /** The full property name: {@code sluice.backupDir}. */
    public String property() {
        return PREFIX + key;
    }

    /** The environment variable: {@code SLUICE_BACKUP_DIR}. */
    public String environmentVariable() {
        return "SLUICE_" + key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    /** The default as written in the docs, or null when there is none (or it depends on the database). */
    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    public List<String> choices() {
        return choices;
    }

    Kind kind() {
        return kind;
    }

    /**
     * Settings that name a program or a file to load. Whoever can edit a JDBC URL must not be able
     * to make the application run a program, so these come only from system properties, the
     * environment or the configuration file.
     */
    public boolean isTrustedOnly() {
        return this == PG_DUMP || this == CONFIG;
    }
}
