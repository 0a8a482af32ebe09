package io.sluice.migrations.config;

import io.sluice.migrations.dialect.Dialects;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Every {@code sluice.*} setting: its key, default, kind of value, allowed values, the sources it
 * may come from and one line of documentation. This one list drives parsing, validation, the
 * unknown-key hint, environment variable names, {@code Driver.getPropertyInfo} and the settings
 * table in docs/. Kept sorted by key.
 */
public enum Setting {
    ALLOW_DESTRUCTIVE("allowDestructive", "false", Kind.BOOLEAN,
            "permit destructive statements without a per-file approval"),
    BACKUP("backup", "auto", Backup.class,
            "`auto`, `none`, or a dialect method (" + Backup.METHODS + ")"),
    BACKUP_DIR("backupDir", null, Kind.TEXT,
            "where backups go; SQLite: `backups/` beside the database file, PostgreSQL: `./sluice-backups`"),
    BACKUP_RETAIN("backupRetain", "10", Kind.COUNT,
            "backups kept per database (its own, told apart by their metadata); older ones are deleted "
                    + "whenever a new one is taken"),
    CONFIG("config", null, Kind.TEXT, Trust.TRUSTED_ONLY,
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
    LOCK_MODE("lockMode", "auto", LockMode.class,
            "PostgreSQL: `advisory` or `table` (a lease row, for PgBouncer); SQLite: its write lock"),
    LOCK_TIMEOUT("lockTimeout", "PT10M", Kind.DURATION,
            "ISO-8601 duration to wait for another process's migration"),
    MIXED("mixed", "false", Kind.BOOLEAN,
            "run a script that mixes statements that cannot run in a transaction (CREATE INDEX CONCURRENTLY, VACUUM) "
                    + "with others outside a transaction instead of refusing it (Flyway's `mixed`)"),
    ON_FAILURE("onFailure", "fail", OnFailure.class,
            "`fail`: every connect throws until fixed; `serve`: hand back connections to the old schema and report the failure"),
    ON_FUTURE("onFuture", "warn", OnFuture.class,
            "the database has versions this code does not know: `warn` or `fail`"),
    OUT_OF_ORDER("outOfOrder", "false", Kind.BOOLEAN,
            "apply a pending versioned migration older than the newest applied one (a new file below the "
                    + "current version); refused when `false`"),
    PG_DUMP("pgDump", "pg_dump", Kind.TEXT, Trust.TRUSTED_ONLY,
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

    /** Which sources may give a setting (see {@link Source#isTrusted()}). */
    private enum Trust { ANY, TRUSTED_ONLY }

    public static final String PREFIX = "sluice.";
    /** {@code sluice.placeholders.<name>}: one entry of {@link #PLACEHOLDERS}. */
    public static final String PLACEHOLDER_PREFIX = "placeholders.";
    /**
     * {@code sluice.instance.<name>.*}: the command-line tool's instance definitions, which it
     * reads from the configuration file; no setting of the gate, which skips them.
     */
    public static final String INSTANCE_PREFIX = "instance.";

    private final String key;
    private final String defaultValue;
    private final Kind kind;
    private final Trust trust;
    private final String description;
    private final Class<? extends Enum<?>> choiceType;
    private final String kebabProperty;
    private final String environmentVariable;

    Setting(String key, String defaultValue, Kind kind, String description) {
        this(key, defaultValue, kind, Trust.ANY, description, null);
    }

    Setting(String key, String defaultValue, Kind kind, Trust trust, String description) {
        this(key, defaultValue, kind, trust, description, null);
    }

    Setting(String key, String defaultValue, Class<? extends Enum<?>> choiceType, String description) {
        this(key, defaultValue, Kind.CHOICE, Trust.ANY, description, choiceType);
    }

    Setting(String key, String defaultValue, Kind kind, Trust trust, String description,
            Class<? extends Enum<?>> choiceType) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.kind = kind;
        this.trust = trust;
        this.description = description;
        this.choiceType = choiceType;
        this.kebabProperty = PREFIX + words(key, '-').toLowerCase(Locale.ROOT);
        this.environmentVariable = "SLUICE_" + words(key, '_').toUpperCase(Locale.ROOT);
    }

    /** The key without the {@code sluice.} prefix, in camel case: {@code backupDir}. */
    public String key() {
        return key;
    }

    /** The full property name: {@code sluice.backupDir}. */
    public String property() {
        return PREFIX + key;
    }

    /** The full property name as Spring users write it: {@code sluice.backup-dir}. */
    public String kebabProperty() {
        return kebabProperty;
    }

    /** The environment variable: {@code SLUICE_BACKUP_DIR}. */
    public String environmentVariable() {
        return environmentVariable;
    }

    /** The default as written in the docs, or null when there is none (or it depends on the database). */
    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description.replace(Backup.METHODS, backupMethods("`%s`"));
    }

    /**
     * The values a choice setting takes, as written: its enum's constants in lower case, where
     * {@link Backup#METHOD} stands for every database's own backup methods, which their dialects name.
     */
    public List<String> choices() {
        if (choiceType == null) {
            return Collections.emptyList();
        }
        List<String> choices = new ArrayList<>();
        for (Enum<?> choice : choiceType.getEnumConstants()) {
            if (choice == Backup.METHOD) {
                choices.addAll(Dialects.backupMethods());
            } else {
                choices.add(spelling(choice));
            }
        }
        return Collections.unmodifiableList(choices);
    }

    /** The enum of a choice setting's values, or null for other settings. */
    Class<? extends Enum<?>> choiceType() {
        return choiceType;
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
        return trust == Trust.TRUSTED_ONLY;
    }

    /** Whether this setting may be taken from {@code source}. */
    public boolean allowedFrom(Source source) {
        return source.isTrusted() || !isTrustedOnly();
    }

    /** The refusal of a trusted-only setting given where anybody who can edit a URL can set it. */
    String refusalFrom(String origin) {
        return property() + " cannot be set in " + origin + " because it names a program or file; set it as a "
                + "system property, as " + environmentVariable() + " or in the configuration file";
    }

    /** The setting given a choice, as messages write it: {@code sluice.backup=none}. */
    public String assigned(Enum<?> choice) {
        if (choice.getDeclaringClass() != choiceType) {
            throw new IllegalArgumentException(choice + " is not a choice of " + property());
        }
        return property() + "=" + spelling(choice);
    }

    /** A choice as written in a setting: {@code OnFailure.SERVE} is {@code serve}. */
    static String spelling(Enum<?> choice) {
        return choice.name().toLowerCase(Locale.ROOT);
    }

    /** The setting for a key without {@code sluice.}, in camel or kebab case; null when there is none. */
    public static Setting find(String key) {
        String camel = camel(key);
        for (Setting setting : values()) {
            if (setting.key.equals(camel) && setting.kind != Kind.PREFIX) {
                return setting;
            }
        }
        return null;
    }

    /**
     * Null when {@code key} (without {@code sluice.}) names a setting, a placeholder or an instance
     * entry; otherwise the setting nearest to it, for "did you mean".
     */
    public static Setting misspelt(String key) {
        boolean known = key.startsWith(PLACEHOLDER_PREFIX) || key.startsWith(INSTANCE_PREFIX) || find(key) != null;
        return known ? null : closest(key);
    }

    /** The known setting whose key is nearest to an unknown one, for "did you mean". */
    public static Setting closest(String key) {
        String wanted = camel(key).toLowerCase(Locale.ROOT);
        Setting best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Setting setting : values()) {
            int distance = distance(wanted, setting.key.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = setting;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** The refusal of an unknown {@code sluice.*} name, with the nearest known setting. */
    static String unknown(String name, String origin) {
        return "Unknown setting " + name + " (from " + origin + "); did you mean "
                + closest(name.substring(PREFIX.length())).property() + "?";
    }

    private static String backupMethods(String format) {
        StringBuilder methods = new StringBuilder();
        for (String method : Dialects.backupMethods()) {
            methods.append(methods.length() == 0 ? "" : ", ").append(String.format(format, method));
        }
        return methods.toString();
    }

    private static String camel(String key) {
        StringBuilder out = new StringBuilder(key.length());
        boolean upper = false;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '-') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    /**
     * A camel-case key with {@code separator} between its words ({@code backupDir} → {@code backup-Dir}):
     * before each capital that follows a small letter or a digit. Worked out once per setting, as
     * every start looks up each setting's environment variable.
     */
    private static String words(String key, char separator) {
        StringBuilder out = new StringBuilder(key.length() + 4);
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            char previous = i == 0 ? 'A' : key.charAt(i - 1);
            if (c >= 'A' && c <= 'Z' && (previous >= 'a' && previous <= 'z' || previous >= '0' && previous <= '9')) {
                out.append(separator);
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Levenshtein distance; keys are short, so the quadratic table is fine. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
