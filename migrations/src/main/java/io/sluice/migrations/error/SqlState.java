package io.sluice.migrations.error;

import java.sql.SQLException;

/**
 * Every SQLState Sluice sets or reads, by name. The codes are the standard's (class 08, 22, 55)
 * or PostgreSQL's own (42P07, 55P03, 57P0x), which the PostgreSQL dialect tells apart.
 */
public enum SqlState {
    /** Try again later: the database, the lock or the gate was not available this time. */
    CONNECTION_UNABLE_TO_CONNECT("08001"),
    /** The gate refused, and keeps refusing until the JVM restarts with a fix. */
    CONNECTION_REJECTED("08004"),
    /** A value that does not fit where it was given (a setting, a file to restore). */
    DATA_EXCEPTION("22000"),
    INVALID_PARAMETER_VALUE("22023"),
    UNIQUE_VIOLATION("23505"),
    DUPLICATE_TABLE("42P07"),
    OBJECT_NOT_IN_PREREQUISITE_STATE("55000"),
    LOCK_NOT_AVAILABLE("55P03"),
    ADMIN_SHUTDOWN("57P01"),
    CRASH_SHUTDOWN("57P02"),
    CANNOT_CONNECT_NOW("57P03");

    /** Class 08: the connection itself failed. */
    private static final String CONNECTION_EXCEPTION_CLASS = "08";

    private final String code;

    SqlState(String code) {
        this.code = code;
    }

    /** The five characters an {@link SQLException} carries. */
    public String code() {
        return code;
    }

    /** Whether {@code failure} carries this SQLState. */
    public boolean isStateOf(SQLException failure) {
        return code.equals(failure.getSQLState());
    }

    /**
     * Whether a failure means the connection itself was lost, not that a statement was wrong:
     * SQLState class 08 (connection exception) or 57P01-57P03 (the backend was terminated, the
     * server shut down or is starting up).
     */
    public static boolean isConnectionLoss(SQLException failure) {
        String state = failure.getSQLState();
        return state != null && (state.startsWith(CONNECTION_EXCEPTION_CLASS) || ADMIN_SHUTDOWN.isStateOf(failure)
                || CRASH_SHUTDOWN.isStateOf(failure) || CANNOT_CONNECT_NOW.isStateOf(failure));
    }

    @Override
    public String toString() {
        return code;
    }
}
