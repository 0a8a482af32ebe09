package io.sluice.driver.flyway;

import io.sluice.Sluice;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import javax.sql.DataSource;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Applies one migration folder with real Flyway or with Sluice, configured alike from the
 * folder's {@code test.properties} (absent means defaults): {@code mixed=true} is Flyway's
 * {@code mixed} and {@code sluice.mixed}; {@code placeholders.<name>=value} is given to both.
 */
final class Migrators {
    static final String SETTINGS_FILE = "test.properties";

    private final Path folder;
    private final boolean mixed;
    private final Map<String, String> placeholders = new TreeMap<>();

    Migrators(Path folder) throws IOException {
        this.folder = folder;
        Properties settings = new Properties();
        Path file = folder.resolve(SETTINGS_FILE);
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                settings.load(reader);
            }
        }
        boolean mixed = false;
        for (String key : settings.stringPropertyNames()) {
            if (key.equals("mixed")) {
                mixed = Boolean.parseBoolean(settings.getProperty(key));
            } else if (key.startsWith("placeholders.")) {
                placeholders.put(key.substring("placeholders.".length()), settings.getProperty(key));
            } else {
                throw new IllegalArgumentException(file + ": unknown key " + key + " (known: mixed, placeholders.<name>)");
            }
        }
        this.mixed = mixed;
    }

    /**
     * Real Flyway, as a user of it would run the folder.
     *
     * @param schema the schema Flyway migrates and keeps its history in, or null for the connection's default
     */
    void flyway(String url, String user, String password, String schema) {
        flyway(configuration -> configuration.dataSource(url, user, password), schema);
    }

    /** Real Flyway on connections from a pool: as a user would run it, without a login per connection. */
    void flyway(DataSource pool, String schema) {
        flyway(configuration -> configuration.dataSource(pool), schema);
    }

    private void flyway(Consumer<FluentConfiguration> dataSource, String schema) {
        FluentConfiguration configuration = Flyway.configure()
                // As Flyway's PostgreSQL users must: its default lock holds a transaction open that a
                // CREATE INDEX CONCURRENTLY waits for forever (flyway/flyway#3497, #3682).
                .configuration(Map.of("flyway.postgresql.transactional.lock", "false"));
        dataSource.accept(configuration);
        configuration.locations("filesystem:" + folder)
                .placeholders(placeholders)
                .mixed(mixed)
                .cleanDisabled(true);
        if (schema != null) {
            configuration.schemas(schema).defaultSchema(schema).createSchemas(false);
        }
        configuration.load().migrate();
    }

    /**
     * Sluice's whole gate on the database, with destructive statements allowed: a Flyway folder
     * carries no approvals, and the approval rule is not what this comparison is about.
     *
     * @param settings the delegate's credentials and any further {@code sluice.*} settings
     */
    void sluice(String url, Properties settings, Path backupDir) throws SQLException {
        Properties all = new Properties();
        all.putAll(settings);
        all.setProperty("sluice.locations", "filesystem:" + folder);
        all.setProperty("sluice.allowDestructive", "true");
        if (!all.containsKey("sluice.backup")) {
            all.setProperty("sluice.backupDir", backupDir.toString());
        }
        if (mixed) {
            all.setProperty("sluice.mixed", "true");
        }
        for (Map.Entry<String, String> placeholder : placeholders.entrySet()) {
            all.setProperty("sluice.placeholders." + placeholder.getKey(), placeholder.getValue());
        }
        Sluice.migrate(url, all);
    }
}
