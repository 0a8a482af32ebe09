package io.sluice.spring;

import com.zaxxer.hikari.HikariDataSource;
import io.sluice.driver.SluiceDataSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SluiceDataSourcesTest {
    @Test
    void aPoolIsGatedWhenItsUrlOrItsDataSourceIsSluices() {
        try (HikariDataSource byUrl = new HikariDataSource();
             HikariDataSource byClass = new HikariDataSource();
             HikariDataSource plain = new HikariDataSource()) {
            byUrl.setJdbcUrl("jdbc:sluice:sqlite:app.db");
            byClass.setDataSourceClassName(SluiceDataSource.class.getName());
            plain.setJdbcUrl("jdbc:sqlite:app.db");

            assertTrue(SluiceDataSources.isGated(byUrl));
            assertTrue(SluiceDataSources.isGated(byClass));
            assertFalse(SluiceDataSources.isGated(plain), "a data source Sluice does not gate was opened early");
        }
        assertTrue(SluiceDataSources.isGated(new SluiceDataSource("jdbc:sluice:sqlite:app.db")));
        assertFalse(SluiceDataSources.isGated(new org.sqlite.SQLiteDataSource()));
    }
}
