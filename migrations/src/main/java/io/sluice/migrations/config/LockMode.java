package io.sluice.migrations.config;

/** {@code sluice.lockMode}: how PostgreSQL's migration lock is held; SQLite always uses its write lock. */
public enum LockMode {
    /** The dialect's own choice: PostgreSQL's advisory lock. */
    AUTO,
    /** A session-level try-lock polled on a dedicated connection. */
    ADVISORY,
    /** A lease row with an expiry, for PgBouncer in transaction mode. */
    TABLE
}
