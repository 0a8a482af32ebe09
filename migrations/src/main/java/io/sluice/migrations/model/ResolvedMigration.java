package io.sluice.migrations.model;

import java.util.Objects;
import java.util.function.Supplier;

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
    /** Reads the text of a script whose checksum came from its fingerprint; null once read, or for one read already. */
    private Supplier<String> reader;
    private String text;
    private boolean lateRead;

    private ResolvedMigration(MigrationType type, Version version, String description, String script,
                              String source, String checksum, String text, Supplier<String> reader) {
        this.type = type;
        this.version = version;
        this.description = description;
        this.script = script;
        this.source = source;
        this.checksum = checksum;
        this.text = text;
        this.reader = reader;
    }

    /**
     * @param script the file's path inside its location, as recorded in the history table
     * @param source where it was found, for messages: {@code classpath:db/migration/V1__init.sql}
     * @param text the script with line endings normalised and any BOM removed
     */
    public static ResolvedMigration script(MigrationType type, Version version, String description, String script,
                                           String source, String checksum, String text) {
        return new ResolvedMigration(type, version, description, script, source, checksum, text, null);
    }

    /**
     * A script not read: its checksum was recorded with its unchanged fingerprint at an earlier
     * start. Its text is read only if asked for, which {@link #wasReadLate()} then tells.
     *
     * @param reader gives the normalised text; throws unchecked when it cannot
     */
    public static ResolvedMigration unread(MigrationType type, Version version, String description, String script,
                                           String source, String checksum, Supplier<String> reader) {
        return new ResolvedMigration(type, version, description, script, source, checksum, null, reader);
    }

    /** A {@code JavaMigration}: {@code script} is the class name; it has no checksum. */
    public static ResolvedMigration java(Version version, String description, String className) {
        return new ResolvedMigration(MigrationType.JAVA, version, description, className, className, null, null, null);
    }

    /** The same migration under another checksum (a repeatable's, taken after placeholder replacement). */
    public ResolvedMigration withChecksum(String otherChecksum) {
        return new ResolvedMigration(type, version, description, script, source, otherChecksum, text, reader);
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
    public synchronized String text() {
        if (reader != null) {
            text = reader.get();
            reader = null;
            lateRead = true;
        }
        return text;
    }

    /**
     * Whether the text of a script {@linkplain #unread unread} at first was read since: its
     * checksum then rests on the fingerprint alone while its text is in use, which the gate never
     * lets stand (it reads every script again).
     */
    public synchronized boolean wasReadLate() {
        return lateRead;
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
