package io.sluice.migrations.model;

/** One row of the history table. */
public final class AppliedMigration {
    private final int installedRank;
    private final Version version;
    private final String description;
    private final MigrationType type;
    private final String script;
    private final String checksum;
    private final String installedBy;
    private final String installedOn;
    private final long executionTimeMs;
    private final boolean success;
    private final boolean adopted;
    private final String backup;
    private final String versionText;

    public AppliedMigration(int installedRank, Version version, String description, MigrationType type,
                            String script, String checksum, String installedBy, String installedOn,
                            long executionTimeMs, boolean success, boolean adopted, String backup) {
        this(installedRank, version, version == null ? null : version.toString(), description, type, script, checksum,
                installedBy, installedOn, executionTimeMs, success, adopted, backup);
    }

    private AppliedMigration(int installedRank, Version version, String versionText, String description,
                             MigrationType type, String script, String checksum, String installedBy, String installedOn,
                             long executionTimeMs, boolean success, boolean adopted, String backup) {
        this.installedRank = installedRank;
        this.version = version;
        this.versionText = versionText;
        this.description = description;
        this.type = type;
        this.script = script;
        this.checksum = checksum;
        this.installedBy = installedBy;
        this.installedOn = installedOn;
        this.executionTimeMs = executionTimeMs;
        this.success = success;
        this.adopted = adopted;
        this.backup = backup;
    }

    /**
     * This row as read when its version column holds text that is not a version (edited by hand):
     * it is kept so that it can be shown and repaired, and counts for nothing when the history is
     * replayed.
     */
    public AppliedMigration withUnreadableVersion(String text) {
        return new AppliedMigration(installedRank, null, text, description, type, script, checksum, installedBy,
                installedOn, executionTimeMs, success, adopted, backup);
    }

    public int installedRank() {
        return installedRank;
    }

    /** Null for repeatable migrations and for a row whose version column is not a version. */
    public Version version() {
        return version;
    }

    /** The version column as stored: the version, or the text that is not one; null for repeatable migrations. */
    public String versionText() {
        return versionText;
    }

    /** Whether the version column holds something that is not a version. */
    public boolean hasUnreadableVersion() {
        return version == null && versionText != null;
    }

    public String description() {
        return description;
    }

    public MigrationType type() {
        return type;
    }

    public String script() {
        return script;
    }

    public String checksum() {
        return checksum;
    }

    public String installedBy() {
        return installedBy;
    }

    public String installedOn() {
        return installedOn;
    }

    public long executionTimeMs() {
        return executionTimeMs;
    }

    public boolean success() {
        return success;
    }

    public boolean adopted() {
        return adopted;
    }

    public String backup() {
        return backup;
    }

    @Override
    public String toString() {
        return installedRank + ":" + (versionText != null ? versionText : "R") + ":" + script + (success ? "" : " (failed)");
    }
}
