package io.sluice.migrations.error;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqlStateTest {
    @Test
    void transientProblemsAre08001AndRefusals08004() {
        for (Problem problem : Problem.values()) {
            if (problem.isTransient()) {
                assertEquals(SqlState.CONNECTION_UNABLE_TO_CONNECT, problem.sqlState(), problem.name());
            }
        }
        assertEquals("08004", new SluiceException(Problem.MIGRATION_FAILED, "m").getSQLState());
        assertEquals("22023", new SluiceException(Problem.INVALID_SETTING, "m").getSQLState());
    }

    @Test
    void codesAreFiveCharactersAndDistinct() {
        Set<String> codes = new HashSet<>();
        for (SqlState state : SqlState.values()) {
            assertEquals(5, state.code().length(), state.name());
            assertTrue(codes.add(state.code()), state.name());
        }
    }

    @Test
    void connectionLossIsClass08OrAServerShutdown() {
        assertTrue(SqlState.isConnectionLoss(new SQLException("gone", "08006")));
        assertTrue(SqlState.isConnectionLoss(new SQLException("terminated", "57P01")));
        assertFalse(SqlState.isConnectionLoss(new SQLException("syntax", "42601")));
        assertFalse(SqlState.isConnectionLoss(new SQLException("no state")));
    }
}
