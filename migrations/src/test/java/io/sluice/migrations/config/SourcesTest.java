package io.sluice.migrations.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.migrations.error.Problem;
import io.sluice.migrations.error.SluiceException;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SourcesTest {
    @TempDir
    Path temp;

    /** The five sources of SPEC §2 as plain maps; the class path holds only what a test writes. */
    private final Map<String, String> url = new LinkedHashMap<>();
    private final Properties connection = new Properties();
    private final Properties system = new Properties();
    private final Map<String, String> environment = new HashMap<>();
    private URLClassLoader classPath;

    @AfterEach
    void closeClassPath() throws IOException {
        if (classPath != null) {
            classPath.close();
        }
    }

    private Settings resolve() throws Exception {
        if (classPath == null) {
            Path empty = Files.createDirectories(temp.resolve("empty-classpath"));
            classPath = new URLClassLoader(new URL[] {empty.toUri().toURL()}, null);
        }
        return new Sources(url, connection, system, environment, classPath).resolve();
    }

    private SluiceException refused() {
        SluiceException e = assertThrows(SluiceException.class, this::resolve);
        assertEquals(Problem.INVALID_SETTING, e.problem());
        assertEquals("22023", e.getSQLState());
        return e;
    }

    private static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "'" + part + "' missing from: " + message);
        }
    }

    private void classPathFile(String content) throws IOException {
        Path root = Files.createDirectories(temp.resolve("classpath-root"));
        Files.writeString(root.resolve("sluice.properties"), content);
        classPath = new URLClassLoader(new URL[] {root.toUri().toURL()}, null);
    }

    private Path configFile(String content) throws IOException {
        Path file = temp.resolve("config/sluice-prod.properties");
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    // --- precedence ------------------------------------------------------------------------------

    @Test
    void urlWinsOverEverySource() throws Exception {
        classPathFile("sluice.table=from_file\n");
        environment.put("SLUICE_TABLE", "from_env");
        system.setProperty("sluice.table", "from_system");
        connection.setProperty("sluice.table", "from_connection");
        url.put("sluice.table", "from_url");

        assertEquals("from_url", resolve().text(Setting.TABLE));
    }

    @Test
    void connectionPropertiesWinOverSystemPropertiesEnvironmentAndFile() throws Exception {
        classPathFile("sluice.table=from_file\n");
        environment.put("SLUICE_TABLE", "from_env");
        system.setProperty("sluice.table", "from_system");
        connection.setProperty("sluice.table", "from_connection");

        assertEquals("from_connection", resolve().text(Setting.TABLE));
    }

    @Test
    void systemPropertiesWinOverEnvironmentAndFile() throws Exception {
        classPathFile("sluice.table=from_file\n");
        environment.put("SLUICE_TABLE", "from_env");
        system.setProperty("sluice.table", "from_system");

        assertEquals("from_system", resolve().text(Setting.TABLE));
    }

    @Test
    void environmentWinsOverFile() throws Exception {
        classPathFile("sluice.table=from_file\n");
        environment.put("SLUICE_TABLE", "from_env");

        assertEquals("from_env", resolve().text(Setting.TABLE));
    }

    @Test
    void fileIsReadWhenNothingElseSetsTheKey() throws Exception {
        classPathFile("sluice.table=from_file\nsluice.lockTimeout=PT1M\n");

        Settings settings = resolve();

        assertEquals("from_file", settings.text(Setting.TABLE));
        assertEquals(Duration.ofMinutes(1), settings.duration(Setting.LOCK_TIMEOUT));
        assertTrue(settings.isSet(Setting.TABLE));
    }

    @Test
    void eachSourceContributesTheKeysItSets() throws Exception {
        classPathFile("sluice.backupRetain=3\n");
        environment.put("SLUICE_ON_FUTURE", "fail");
        system.setProperty("sluice.lockTimeout", "PT5S");
        connection.setProperty("sluice.allowDestructive", "true");
        url.put("sluice.table", "h");

        Settings settings = resolve();

        assertEquals(3, settings.count(Setting.BACKUP_RETAIN));
        assertEquals("fail", settings.text(Setting.ON_FUTURE));
        assertEquals(Duration.ofSeconds(5), settings.duration(Setting.LOCK_TIMEOUT));
        assertTrue(settings.flag(Setting.ALLOW_DESTRUCTIVE));
        assertEquals("h", settings.text(Setting.TABLE));
    }

    @Test
    void nothingSetGivesTheDefaults() throws Exception {
        Settings settings = resolve();

        for (Setting setting : Setting.values()) {
            assertFalse(settings.isSet(setting), setting.key());
            assertEquals(setting.defaultValue(), settings.text(setting), setting.key());
        }
        assertEquals(Duration.ofMinutes(10), settings.duration(Setting.LOCK_TIMEOUT));
        assertEquals(10, settings.count(Setting.BACKUP_RETAIN));
        assertTrue(settings.flag(Setting.ENABLED));
        assertEquals(java.util.List.of("classpath:db/migration"), settings.list(Setting.LOCATIONS));
        assertEquals(null, settings.target());
    }

    @Test
    void propertiesOutsideTheSluicePrefixAreIgnored() throws Exception {
        connection.setProperty("user", "alice");
        connection.setProperty("password", "secret");
        system.setProperty("java.home", "/somewhere");
        system.setProperty("sluicey.table", "not ours");
        environment.put("PATH", "/bin");

        assertEquals("sluice_schema_history", resolve().text(Setting.TABLE));
    }

    // --- spellings -------------------------------------------------------------------------------

    @Test
    void kebabCaseKeyIsTheCamelCaseSetting() throws Exception {
        connection.setProperty("sluice.backup-dir", "/var/backups/app");
        system.setProperty("sluice.lock-timeout", "PT2M");
        url.put("sluice.on-future", "fail");

        Settings settings = resolve();

        assertEquals("/var/backups/app", settings.text(Setting.BACKUP_DIR));
        assertEquals(Duration.ofMinutes(2), settings.duration(Setting.LOCK_TIMEOUT));
        assertEquals("fail", settings.text(Setting.ON_FUTURE));
    }

    @Test
    void kebabCaseKeyInTheFileIsAccepted() throws Exception {
        classPathFile("sluice.backup-retain=4\n");

        assertEquals(4, resolve().count(Setting.BACKUP_RETAIN));
    }

    @Test
    void environmentVariableIsUpperSnakeCase() throws Exception {
        environment.put("SLUICE_BACKUP_DIR", "/srv/backups");
        environment.put("SLUICE_PLACEHOLDER_REPLACEMENT", "false");

        Settings settings = resolve();

        assertEquals("/srv/backups", settings.text(Setting.BACKUP_DIR));
        assertFalse(settings.flag(Setting.PLACEHOLDER_REPLACEMENT));
    }

    @ParameterizedTest
    @CsvSource({
        "BACKUP_DIR, SLUICE_BACKUP_DIR",
        "LOCK_TIMEOUT, SLUICE_LOCK_TIMEOUT",
        "PG_DUMP, SLUICE_PG_DUMP",
        "TABLE, SLUICE_TABLE",
        "PLACEHOLDER_REPLACEMENT, SLUICE_PLACEHOLDER_REPLACEMENT"})
    void environmentVariableNameIsDerivedFromTheKey(Setting setting, String variable) {
        assertEquals(variable, setting.environmentVariable());
    }

    @Test
    void findAcceptsCamelAndKebabCase() {
        assertEquals(Setting.BACKUP_DIR, Setting.find("backupDir"));
        assertEquals(Setting.BACKUP_DIR, Setting.find("backup-dir"));
        assertEquals(Setting.ALLOW_DESTRUCTIVE, Setting.find("allow-destructive"));
        assertEquals(null, Setting.find("backupdir"));
        assertEquals(null, Setting.find("placeholders"));
    }

    @Test
    void booleanAndChoiceValuesAreCaseInsensitive() throws Exception {
        url.put("sluice.enabled", "FALSE");
        url.put("sluice.onFailure", "Serve");

        Settings settings = resolve();

        assertFalse(settings.flag(Setting.ENABLED));
        assertEquals("serve", settings.text(Setting.ON_FAILURE));
    }

    // --- the configuration file ------------------------------------------------------------------

    @Test
    void configFileFromSystemPropertyWinsOverClasspathFile() throws Exception {
        classPathFile("sluice.table=from_classpath\n");
        system.setProperty("sluice.config", configFile("sluice.table=from_config\n").toString());

        assertEquals("from_config", resolve().text(Setting.TABLE));
    }

    @Test
    void configFileFromEnvironmentWinsOverClasspathFile() throws Exception {
        classPathFile("sluice.table=from_classpath\n");
        environment.put("SLUICE_CONFIG", configFile("sluice.table=from_config\n").toString());

        assertEquals("from_config", resolve().text(Setting.TABLE));
    }

    @Test
    void configFileOverlaysTheClasspathFileKeyByKey() throws Exception {
        classPathFile("sluice.table=from_classpath\nsluice.backupRetain=3\n");
        system.setProperty("sluice.config", configFile("sluice.table=from_config\n").toString());

        Settings settings = resolve();

        assertEquals("from_config", settings.text(Setting.TABLE));
        assertEquals(3, settings.count(Setting.BACKUP_RETAIN));
    }

    @Test
    void configFileIsStillBelowTheOtherSources() throws Exception {
        system.setProperty("sluice.config", configFile("sluice.table=from_config\n").toString());
        environment.put("SLUICE_TABLE", "from_env");

        assertEquals("from_env", resolve().text(Setting.TABLE));
    }

    @Test
    void missingConfigFileIsAnInvalidSettingNamingThePath() {
        Path missing = temp.resolve("no-such.properties");
        system.setProperty("sluice.config", missing.toString());

        assertMentions(refused().getMessage(), "sluice.config", missing.toString());
    }

    @Test
    void instanceDefinitionsInTheFileAreNotSettingsOfTheGate() throws Exception {
        classPathFile("sluice.instance.prod.url=jdbc:sqlite:prod.db\nsluice.table=h\n");

        assertEquals("h", resolve().text(Setting.TABLE));
    }

    @Test
    void aConfigFileReadOnceServesEverySourcesItIsHandedTo() throws Exception {
        Path file = configFile("sluice.table=from_file\nsluice.instance.prod.url=jdbc:sqlite:prod.db\n");
        system.setProperty("sluice.config", file.toString());
        ConfigFile read = ConfigFile.read(system, environment, null);
        Files.delete(file);

        assertEquals("jdbc:sqlite:prod.db", read.entries().getProperty("sluice.instance.prod.url"));
        for (String table : new String[] {null, "from_url"}) {
            Map<String, String> parameters = table == null ? Map.of() : Map.of("sluice.table", table);
            Settings settings = new Sources(parameters, null, system, read).resolve();
            assertEquals(table == null ? "from_file" : table, settings.text(Setting.TABLE));
        }
    }

    @Test
    void instanceDefinitionInTheUrlIsUnknown() {
        url.put("sluice.instance.prod.url", "jdbc:sqlite:prod.db");

        assertMentions(refused().getMessage(), "sluice.instance.prod.url");
    }

    // --- unknown keys and invalid values ---------------------------------------------------------

    @Test
    void unknownKeyNamesTheKeyAndTheClosestKnownOne() {
        connection.setProperty("sluice.lockTimout", "PT1M");

        assertMentions(refused().getMessage(), "sluice.lockTimout", "did you mean sluice.lockTimeout?",
            "connection properties");
    }

    @Test
    void unknownKebabKeyNamesTheClosestKnownOne() {
        url.put("sluice.backup-dri", "/x");

        assertMentions(refused().getMessage(), "sluice.backup-dri", "did you mean sluice.backupDir?", "the URL");
    }

    @Test
    void unknownKeyInTheFileIsAnErrorToo() throws Exception {
        classPathFile("sluice.tabel=h\n");

        assertMentions(refused().getMessage(), "sluice.tabel", "did you mean sluice.table?",
            "the configuration file");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "sluice.lockTimeout   | 10 minutes          | not an ISO-8601 duration",
        "sluice.gateTimeout   | -PT1S               | must not be negative",
        "sluice.enabled       | yes                 | expected true or false",
        "sluice.onFuture      | ignore              | expected one of warn, fail",
        "sluice.backup        | tar                 | expected one of auto, none, sqlite-online, pg_dump",
        "sluice.table         | x; DROP TABLE users | not a plain SQL identifier",
        "sluice.table         | 1history            | not a plain SQL identifier",
        "sluice.table         | public.history      | not a plain SQL identifier",
        "sluice.backupRetain  | 0                   | must be at least 1",
        "sluice.backupRetain  | ten                 | expected a whole number",
        "sluice.target        | 1..2                | expected latest or a version",
        "sluice.locations     | ' '                 | empty",
        "sluice.locations     | filesystem:         | filesystem: needs a folder",
        "sluice.locations     | 'classpath:db/migration, filesystem: ' | filesystem: needs a folder",
        "sluice.locations     | ' , '               | no location",
        "sluice.outOfOrder    | sometimes           | expected true or false"})
    void invalidValueIsRefusedNamingSettingAndValue(String key, String value, String reason) {
        url.put(key, value);

        assertMentions(refused().getMessage(), key + "=" + value.trim(), reason, "the URL");
    }

    @Test
    void invalidValueFromTheEnvironmentNamesTheVariable() {
        environment.put("SLUICE_LOCK_TIMEOUT", "forever");

        assertMentions(refused().getMessage(), "sluice.lockTimeout=forever", "SLUICE_LOCK_TIMEOUT");
    }

    @Test
    void invalidValueIsRefusedEvenWhenAHigherSourceOverridesIt() throws Exception {
        classPathFile("sluice.lockTimeout=soon\n");
        url.put("sluice.lockTimeout", "PT1M");

        assertMentions(refused().getMessage(), "sluice.lockTimeout=soon", "the configuration file");
    }

    // --- settings that name a program or a file --------------------------------------------------

    @ParameterizedTest
    @CsvSource({"sluice.pgDump", "sluice.pg-dump", "sluice.config"})
    void programOrFileSettingIsRefusedFromTheUrl(String key) throws Exception {
        url.put(key, configFile("").toString());

        assertMentions(refused().getMessage(), "cannot be set in the URL");
    }

    @ParameterizedTest
    @CsvSource({"sluice.pgDump", "sluice.config"})
    void programOrFileSettingIsRefusedFromConnectionProperties(String key) throws Exception {
        connection.setProperty(key, configFile("").toString());

        assertMentions(refused().getMessage(), key, "cannot be set in connection properties");
    }

    @Test
    void pgDumpIsAcceptedFromSystemProperties() throws Exception {
        system.setProperty("sluice.pgDump", "/opt/pg17/bin/pg_dump");

        assertEquals("/opt/pg17/bin/pg_dump", resolve().text(Setting.PG_DUMP));
    }

    @Test
    void pgDumpIsAcceptedFromEnvironmentAndFile() throws Exception {
        classPathFile("sluice.pgDump=/from/file/pg_dump\n");
        assertEquals("/from/file/pg_dump", resolve().text(Setting.PG_DUMP));

        environment.put("SLUICE_PG_DUMP", "/from/env/pg_dump");
        assertEquals("/from/env/pg_dump", resolve().text(Setting.PG_DUMP));
    }

    @Test
    void configIsAcceptedFromSystemProperties() throws Exception {
        String path = configFile("sluice.backupRetain=2\n").toString();
        system.setProperty("sluice.config", path);

        Settings settings = resolve();

        assertEquals(path, settings.text(Setting.CONFIG));
        assertEquals(2, settings.count(Setting.BACKUP_RETAIN));
    }

    // --- placeholders ----------------------------------------------------------------------------

    @Test
    void placeholdersAreCollectedFromEverySourceWithTheSamePrecedence() throws Exception {
        classPathFile("sluice.placeholders.owner=from_file\nsluice.placeholders.schema=app\n");
        environment.put("SLUICE_PLACEHOLDERS_REGION", "eu");
        system.setProperty("sluice.placeholders.tier", "gold");
        connection.setProperty("sluice.placeholders.owner", "from_connection");
        url.put("sluice.placeholders.owner", "from_url");

        Map<String, String> placeholders = resolve().placeholders();

        assertEquals(Map.of("owner", "from_url", "schema", "app", "region", "eu", "tier", "gold"), placeholders);
    }

    @Test
    void placeholderValuesAreTakenAsGiven() throws Exception {
        url.put("sluice.placeholders.note", "  spaces and ; DROP TABLE x  ");

        assertEquals("  spaces and ; DROP TABLE x  ", resolve().placeholders().get("note"));
    }
}
