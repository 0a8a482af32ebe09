package io.sluice.migrations.config;

/** {@code sluice.onFuture}: the database has versions this code does not know. */
public enum OnFuture {
    WARN,
    FAIL
}
