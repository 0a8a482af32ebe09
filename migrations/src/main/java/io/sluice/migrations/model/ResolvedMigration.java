package io.sluice.migrations.model;

import java.util.Objects;

/**
 * A migration found in a location: a SQL script or a {@code JavaMigration} class. Nothing here
 * is parsed beyond the file name; only pending scripts are ever split into statements.
 */
public final class ResolvedMigration {
    private final MigrationType type;
    private final Version version;
    private final String description;
    private final String script;
    private final String source;
    private final String checksum;
    private final String text;

    private ResolvedMigration(MigrationType type, Version version, String description, String script,
                              String source, String checksum, String text) {
        this.type = type;
        this.version = version;
        this.description = description;
        this.script = script;
        this.source = source;
        this.checksum = checksum;
        this.text = text;
    }

    /**
     * @param script the file's path inside its location, as recorded in the history table
     * @param source where it was found, for messages: {@code classpath:db/migration/V1__init.sql}
     * @param text the script with line endings normalised and any BOM removed
     */
    public static ResolvedMigration script(MigrationType type, Version version, String description, String script,
                                           String source, String checksum, String text) {
        return new ResolvedMigration(type, version, description, script, source, checksum, text);
    }

    /** A {@code JavaMigration}: {@code script} is the class name; it has no checksum. */
    public static ResolvedMigration java(Version version, String description, String className) {
        return new ResolvedMigration(MigrationType.JAVA, version, description, className, className, null, null);
    }

    /** The same migration under another checksum (a repeatable's, taken after placeholder replacement). */
    public ResolvedMigration withChecksum(String otherChecksum) {
        return new ResolvedMigration(type, version, description, script, source, otherChecksum, text);
    }

    public MigrationType type() {
        return type;
    }

    /** Null for repeatable migrations. */
    public Version version() {
        return version;
    }

    public String description() {
        return description;
    }

    public String script() {
        return script;
    }

    public String source() {
        return source;
    }

    /** {@code sha256:<hex>}, or null for Java migrations. */
    public String checksum() {
        return checksum;
    }

    /** The normalised script text; null for Java migrations. */
    public String text() {
        return text;
    }

    public boolean isVersioned() {
        return type == MigrationType.SQL || type == MigrationType.JAVA;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof ResolvedMigration)) {
            return false;
        }
        ResolvedMigration that = (ResolvedMigration) other;
        return type == that.type && Objects.equals(version, that.version) && script.equals(that.script)
                && Objects.equals(checksum, that.checksum);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, version, script, checksum);
    }

    @Override
    public String toString() {
        return script;
    }
}
