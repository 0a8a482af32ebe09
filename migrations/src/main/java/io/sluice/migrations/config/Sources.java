package io.sluice.migrations.config;

import io.sluice.migrations.error.Problem;
import io.sluice.migrations.error.SluiceException;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Reads settings from every source of SPEC §2 and resolves them by precedence: the URL, then
 * connection properties, system properties, the environment, and last the configuration file
 * ({@code sluice.config}, else {@code sluice.properties} on the context class path).
 */
public final class Sources {
    static final String CLASSPATH_FILE = "sluice.properties";

    private final Map<String, String> urlParameters;
    private final Properties connectionProperties;
    private final Properties systemProperties;
    private final Map<String, String> environment;
    private final ClassLoader classLoader;

    public Sources(Map<String, String> urlParameters, Properties connectionProperties) {
        this(urlParameters, connectionProperties, System.getProperties());
    }

    /**
     * With {@code systemProperties} ranking as the JVM's own: the java agent's arguments count as
     * system properties without being set in the JVM for everybody else to see.
     */
    public Sources(Map<String, String> urlParameters, Properties connectionProperties, Properties systemProperties) {
        this(urlParameters, connectionProperties, systemProperties, System.getenv(),
                Thread.currentThread().getContextClassLoader());
    }

    Sources(Map<String, String> urlParameters, Properties connectionProperties, Properties systemProperties,
            Map<String, String> environment, ClassLoader classLoader) {
        this.urlParameters = urlParameters;
        this.connectionProperties = connectionProperties != null ? connectionProperties : new Properties();
        this.systemProperties = systemProperties;
        this.environment = environment;
        this.classLoader = classLoader;
    }

    /** Resolves and validates every setting; throws before anything is read from a database. */
    public Settings resolve() throws SluiceException {
        Settings.Builder builder = new Settings.Builder();
        Properties file = readFile();
        putAll(builder, file, Source.FILE);
        putEnvironment(builder);
        putAll(builder, systemProperties, Source.SYSTEM_PROPERTIES);
        putAll(builder, connectionProperties, Source.CONNECTION_PROPERTIES);
        for (Map.Entry<String, String> parameter : urlParameters.entrySet()) {
            put(builder, parameter.getKey(), parameter.getValue(), Source.URL);
        }
        return builder.build();
    }

    /** {@code sluice.properties} on the class path, overlaid by the file at {@code sluice.config}. */
    private Properties readFile() throws SluiceException {
        Properties properties = new Properties();
        ClassLoader loader = classLoader != null ? classLoader : Sources.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(CLASSPATH_FILE)) {
            if (in != null) {
                properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new SluiceException(Problem.INVALID_SETTING, CLASSPATH_FILE + " on the classpath cannot be read: "
                    + e.getMessage(), e);
        }
        String path = trustedValue(Setting.CONFIG);
        if (path != null) {
            try (Reader reader = Files.newBufferedReader(Paths.get(path), StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (NoSuchFileException e) {
                throw new SluiceException(Problem.INVALID_SETTING, Setting.CONFIG.property() + "=" + path
                        + " does not exist; point it at a readable properties file or remove the setting");
            } catch (IOException e) {
                throw new SluiceException(Problem.INVALID_SETTING, Setting.CONFIG.property() + "=" + path
                        + " cannot be read: " + e.getMessage(), e);
            }
        }
        return properties;
    }

    /** {@code sluice.config} itself comes only from system properties or the environment. */
    private String trustedValue(Setting setting) {
        String value = systemProperties.getProperty(setting.property());
        if (value == null) {
            value = systemProperties.getProperty(setting.kebabProperty());
        }
        return value != null ? value : environment.get(setting.environmentVariable());
    }

    private void putEnvironment(Settings.Builder builder) throws SluiceException {
        for (Setting setting : Setting.values()) {
            String value = environment.get(setting.environmentVariable());
            if (value != null && setting.kind() != Setting.Kind.PREFIX) {
                builder.put(setting, value, "environment variable " + setting.environmentVariable());
            }
        }
        String placeholderVariable = "SLUICE_PLACEHOLDERS_";
        for (Map.Entry<String, String> variable : environment.entrySet()) {
            if (variable.getKey().startsWith(placeholderVariable)) {
                String name = variable.getKey().substring(placeholderVariable.length()).toLowerCase(Locale.ROOT);
                builder.placeholder(name, variable.getValue());
            }
        }
    }

    private static void putAll(Settings.Builder builder, Properties properties, Source source)
            throws SluiceException {
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith(Setting.PREFIX)) {
                put(builder, name, properties.getProperty(name), source);
            }
        }
    }

    private static void put(Settings.Builder builder, String name, String value, Source source)
            throws SluiceException {
        String key = name.substring(Setting.PREFIX.length());
        if (key.startsWith(Setting.PLACEHOLDER_PREFIX) && key.length() > Setting.PLACEHOLDER_PREFIX.length()) {
            builder.placeholder(key.substring(Setting.PLACEHOLDER_PREFIX.length()), value);
            return;
        }
        if (key.startsWith(Setting.INSTANCE_PREFIX) && source.isTrusted()) {
            return;
        }
        Setting setting = Setting.find(key);
        if (setting == null) {
            throw new SluiceException(Problem.INVALID_SETTING, Setting.unknown(name, source.origin()));
        }
        if (!setting.allowedFrom(source)) {
            throw new SluiceException(Problem.INVALID_SETTING, setting.refusalFrom(source.origin()));
        }
        builder.put(setting, value, source.origin());
    }
}
