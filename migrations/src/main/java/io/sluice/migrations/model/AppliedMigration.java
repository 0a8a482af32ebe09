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

    public AppliedMigration(int installedRank, Version version, String description, MigrationType type,
                            String script, String checksum, String installedBy, String installedOn,
                            long executionTimeMs, boolean success, boolean adopted, String backup) {
        this.installedRank = installedRank;
        this.version = version;
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

    public int installedRank() {
        return installedRank;
    }

    /** Null for repeatable migrations. */
    public Version version() {
        return version;
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
        return installedRank + ":" + (version != null ? version : "R") + ":" + script + (success ? "" : " (failed)");
    }
}
