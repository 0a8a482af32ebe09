package io.sluice.migrations.dialect.postgres;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** pg_dump reports a server that went away only in words; those words make the failure transient. */
class PgDumpErrorsTest {
    @Test
    void aServerThatWentAwayWhilePgDumpRanIsALostConnection() {
        assertTrue(PgDumpErrors.INSTANCE.isConnectionLost(new IOException("pg_dump exited with 1: pg_dump: error: "
                + "Dumping the contents of table \"loans\" failed: PQgetResult() failed. pg_dump: detail: Error message "
                + "from server: server closed the connection unexpectedly")));
        assertTrue(PgDumpErrors.INSTANCE.isConnectionLost(new IOException("pg_dump exited with 1: FATAL:  "
                + "terminating connection due to administrator command")));
    }

    @Test
    void aRefusedLoginIsNotALostConnection() {
        assertFalse(PgDumpErrors.INSTANCE.isConnectionLost(new IOException("pg_dump exited with 1: pg_dump: error: "
                + "connection to server failed: FATAL:  password authentication failed for user \"app\"")));
    }
}
