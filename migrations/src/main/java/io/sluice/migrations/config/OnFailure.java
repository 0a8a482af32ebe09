package io.sluice.migrations.config;

/** {@code sluice.onFailure}: what connects get after the gate failed. */
public enum OnFailure {
    /** Every connect throws until the cause is fixed. */
    FAIL,
    /** Connections to the old schema are handed back; the failure is reported. */
    SERVE
}
