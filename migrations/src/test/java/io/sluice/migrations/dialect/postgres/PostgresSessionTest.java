package io.sluice.migrations.dialect.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.migrations.config.Settings;
import io.sluice.migrations.dialect.Connector;
import io.sluice.migrations.dialect.GateSession;
import io.sluice.testing.PostgresDatabase;
import io.sluice.testing.PostgresExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The history table's columns come with the session's set-up (a round trip fewer for the unlocked
 * read), and answer only the first question before the lock: later ones, and every one under the
 * lock, see what another instance created meanwhile.
 */
@ExtendWith(PostgresExtension.class)
class PostgresSessionTest {
    private static final String TABLE = "sluice_schema_history";

    @Test
    void theSetUpReadsTheColumnsOfAnExistingHistoryTable(PostgresDatabase db) throws Exception {
        execute(db, "CREATE TABLE " + TABLE + " (installed_rank INT, \"Version\" TEXT)");
        try (GateSession session = open(db)) {
            assertEquals(Set.of("installed_rank", "version"), session.columnsOf(TABLE));
        }
    }

    @Test
    void aTableCreatedAfterTheSetUpIsSeenByTheNextQuestion(PostgresDatabase db) throws Exception {
        try (GateSession session = open(db)) {
            assertEquals(Set.of(), session.columnsOf(TABLE));
            execute(db, "CREATE TABLE " + TABLE + " (installed_rank INT)");
            assertEquals(Set.of("installed_rank"), session.columnsOf(TABLE));
        }
    }

    @Test
    void aTableCreatedBeforeTheLockWasTakenIsSeenUnderIt(PostgresDatabase db) throws Exception {
        try (GateSession session = open(db)) {
            execute(db, "CREATE TABLE " + TABLE + " (installed_rank INT)");
            session.lock();
            assertEquals(Set.of("installed_rank"), session.columnsOf(TABLE));
        }
    }

    private static GateSession open(PostgresDatabase db) throws SQLException {
        Connector connector = new Connector() {
            @Override
            public Connection connect(Properties overrides) throws SQLException {
                Properties properties = db.credentials();
                properties.putAll(overrides);
                return DriverManager.getConnection(db.jdbcUrl(), properties);
            }

            @Override
            public Connection connectTo(String otherUrl) throws SQLException {
                return DriverManager.getConnection(otherUrl, db.credentials());
            }

            @Override
            public Properties properties() {
                return db.credentials();
            }
        };
        return new PostgresDialect().open(db.jdbcUrl(), connector, new Settings.Builder().build());
    }

    private static void execute(PostgresDatabase db, String sql) throws SQLException {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
