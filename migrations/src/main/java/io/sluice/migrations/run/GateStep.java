package io.sluice.migrations.run;

import java.util.Locale;

/** The gate's steps, in order. Their lower-case names are the same in logs, metric tags, CLI output and docs. */
public enum GateStep {
    LOCK, INSPECT, BACKUP, MIGRATE, VERIFY, TOTAL;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
