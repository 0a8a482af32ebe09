package io.sluice.migrations.dialect.postgres;

import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The short name of log lines, tags and backup files, as pgjdbc picks the database. */
class PostgresDialectTest {
    private final PostgresDialect dialect = new PostgresDialect();

    @Test
    void theDatabaseNameIsThePathOfTheUrl() {
        assertEquals("shop", dialect.databaseName("jdbc:postgresql://db:5432/shop?sslmode=require&user=app", new Properties()));
        assertEquals("shop", dialect.databaseName("jdbc:postgresql://db1:5432,db2:5432/shop", new Properties()));
        assertEquals("shop", dialect.databaseName("jdbc:postgresql:shop", new Properties()));
    }

    @Test
    void withoutADatabaseNameItIsTheUsersAsPgjdbcConnectsThere() {
        assertEquals("app", dialect.databaseName("jdbc:postgresql://db:5432/?user=app&password=secret", new Properties()));
        Properties login = new Properties();
        login.setProperty("user", "reporting");
        login.setProperty("password", "secret");
        assertEquals("reporting", dialect.databaseName("jdbc:postgresql://db:5432/", login));
        assertEquals("app", dialect.databaseName("jdbc:postgresql://db/?user=app", login), "the URL's user wins, as in pgjdbc");
    }

    @Test
    void withNeitherDatabaseNorUserItIsPostgres() {
        assertEquals("postgres", dialect.databaseName("jdbc:postgresql://db:5432/", new Properties()));
        assertEquals("postgres", dialect.databaseName("jdbc:postgresql://db:5432", null));
    }
}
