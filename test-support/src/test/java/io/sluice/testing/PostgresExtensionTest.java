package io.sluice.testing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What every PostgreSQL test relies on: a database of its own, on a server that checks passwords. */
@ExtendWith(PostgresExtension.class)
class PostgresExtensionTest {
    private static final Set<String> DATABASES = ConcurrentHashMap.newKeySet();
    private static volatile PostgresDatabase last;

    @Test
    void oneTestGetsItsOwnEmptyDatabase(PostgresDatabase db) throws SQLException {
        createsTheOnlyTableIn(db);
    }

    @Test
    void anotherTestGetsAnotherEmptyDatabase(PostgresDatabase db) throws SQLException {
        createsTheOnlyTableIn(db);
    }

    /** Either order works: the second test would see the first one's table if they shared a database. */
    private static void createsTheOnlyTableIn(PostgresDatabase db) throws SQLException {
        assertTrue(DATABASES.add(db.databaseName()), "database handed out twice: " + db.databaseName());
        last = db;
        try (Connection connection = db.connect();
             Statement statement = connection.createStatement()) {
            assertEquals(List.of(), tables(statement));
            statement.execute("CREATE TABLE marker (id integer PRIMARY KEY)");
            assertEquals(List.of("marker"), tables(statement));
        }
    }

    @Test
    void theUrlsCarryNoCredentials(PostgresDatabase db) {
        assertTrue(db.jdbcUrl().matches("jdbc:postgresql://[^/?]+/sluice_test_\\d+_[0-9a-f]{6}(\\?.*)?"), db.jdbcUrl());
        assertEquals("jdbc:sluice:" + db.jdbcUrl().substring("jdbc:".length()), db.sluiceUrl());
        assertTrue(db.jdbcUrl().contains("/" + db.databaseName()), db.jdbcUrl());
        for (String shown : List.of(db.jdbcUrl(), db.sluiceUrl(), db.toString())) {
            assertFalse(shown.contains("password") || shown.contains("user="), shown);
            assertFalse(!db.password().isEmpty() && shown.contains(db.password()), shown);
        }
    }

    @Test
    void theCredentialsLogInAsTheOwner(PostgresDatabase db) throws SQLException {
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.credentials());
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT current_user, current_database(), pg_get_userbyid(datdba),"
                     + " current_setting('server_version') FROM pg_database WHERE datname = current_database()")) {
            assertTrue(rs.next());
            assertEquals(db.user(), rs.getString(1));
            assertEquals(db.databaseName(), rs.getString(2));
            assertEquals(db.user(), rs.getString(3));
            assertTrue(rs.getString(4).startsWith(db.serverVersion()), rs.getString(4));
        }
    }

    @Test
    void aStartedServerLogsInAsSluiceAndChecksThePassword(PostgresDatabase db) {
        assumeTrue(System.getenv("SLUICE_TEST_PG_URL") == null,
                "SLUICE_TEST_PG_URL names a server whose users and authentication are its own");
        assertEquals("sluice", db.user());
        assertEquals("s3cret-Pa55word", db.password());
        SQLException refused = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(db.jdbcUrl(), db.user(), "not-the-password").close());
        assertEquals("28P01", refused.getSQLState(), refused.getMessage());
    }

    @AfterAll
    static void everyDatabaseIsDroppedAfterItsTest() throws SQLException {
        if (last == null) {
            return; // no server: every test has already failed, saying why
        }
        String maintenanceUrl = last.jdbcUrl().replace("/" + last.databaseName(), "/postgres");
        try (Connection connection = DriverManager.getConnection(maintenanceUrl, last.credentials());
             PreparedStatement query = connection.prepareStatement(
                     "SELECT count(*) FROM pg_database WHERE datname = ANY (?)")) {
            Array names = connection.createArrayOf("text", DATABASES.toArray());
            query.setArray(1, names);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                assertEquals(0, rs.getInt(1), "left behind among " + DATABASES);
            }
        }
    }

    private static List<String> tables(Statement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1")) {
            List<String> names = new ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        }
    }
}
