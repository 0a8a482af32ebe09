package io.sluice.driver;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.sluice.migrations.config.Setting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.util.Arrays;
import java.util.Properties;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DriverContractTest {
    @TempDir
    Path dir;

    @Test
    void serviceLoaderFindsTheDriver() {
        assertTrue(ServiceLoader.load(Driver.class).stream().anyMatch(p -> p.type() == SluiceDriver.class));
    }

    @Test
    void acceptsOnlySluiceUrlsAndDeclinesOthersWithNull() throws Exception {
        SluiceDriver driver = new SluiceDriver();
        assertTrue(driver.acceptsURL("jdbc:sluice:sqlite:app.db"));
        assertFalse(driver.acceptsURL("jdbc:sqlite:app.db"));
        assertFalse(driver.acceptsURL(null));
        assertNull(driver.connect("jdbc:sqlite:" + dir.resolve("x.db"), new Properties()));
        assertEquals("org.sqlite.JDBC", DriverManager.getDriver("jdbc:sqlite:x.db").getClass().getName());
    }

    @Test
    void propertyInfoListsEverySetting() {
        DriverPropertyInfo[] info = new SluiceDriver().getPropertyInfo("jdbc:sluice:sqlite:x.db", new Properties());
        assertEquals(Setting.values().length, info.length);
        DriverPropertyInfo onFailure = Arrays.stream(info).filter(p -> p.name.equals("sluice.onFailure")).findFirst().orElseThrow();
        assertEquals("fail", onFailure.value);
        assertEquals(2, onFailure.choices.length);
        assertFalse(onFailure.description.isEmpty());
    }

    @Test
    void hikariWithDataSourceClassNameGetsMigratedSqliteConnections() throws Exception {
        LegacyDatabase db = new LegacyDatabase(dir).seeded().withStandardMigrations();
        HikariConfig config = new HikariConfig();
        config.setDataSourceClassName(SluiceDataSource.class.getName());
        config.addDataSourceProperty("url", db.sluiceUrl());
        config.setMaximumPoolSize(2);
        try (HikariDataSource pool = new HikariDataSource(config); Connection connection = pool.getConnection()) {
            assertEquals("org.sqlite.jdbc4.JDBC4Connection", connection.unwrap(Connection.class).getClass().getName());
            assertEquals(50, db.count("SELECT COUNT(*) FROM cashback_account"));
        }
    }

    @Test
    void disabledSluiceIsAPurePassThrough() throws Exception {
        LegacyDatabase db = new LegacyDatabase(dir).seeded().withStandardMigrations();
        try (Connection connection = DriverManager.getConnection(db.sluiceUrl("sluice.enabled=false"))) {
            assertEquals("org.sqlite.jdbc4.JDBC4Connection", connection.getClass().getName());
        }
        assertEquals(0, db.count("SELECT COUNT(*) FROM sqlite_master WHERE name = 'sluice_schema_history'"));
    }

    @Test
    void sluiceSettingsInConnectionPropertiesAreUsed() throws Exception {
        LegacyDatabase db = new LegacyDatabase(dir).seeded().withStandardMigrations();
        Properties properties = new Properties();
        properties.setProperty("sluice.table", "app_history");
        try (Connection ignored = DriverManager.getConnection(db.sluiceUrl(), properties)) {
            assertEquals(3, db.count("SELECT COUNT(*) FROM app_history"));
        }
    }
}
