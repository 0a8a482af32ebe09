package io.sluice.migrations.config;

import io.sluice.migrations.error.Problem;
import io.sluice.migrations.error.SluiceException;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Reads settings from every source of SPEC §2 and resolves them by precedence: the URL, then
 * connection properties, system properties, the environment, and last the configuration file
 * ({@code sluice.config}, else {@code sluice.properties} on the context class path).
 */
public final class Sources {
    private final Map<String, String> urlParameters;
    private final Properties connectionProperties;
    private final Properties systemProperties;
    private final Map<String, String> environment;
    private final ClassLoader classLoader;
    private final ConfigFile file;

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

    /** With the configuration file already read, for several databases' settings in a row. */
    public Sources(Map<String, String> urlParameters, Properties connectionProperties, Properties systemProperties,
                   ConfigFile file) {
        this(urlParameters, connectionProperties, systemProperties, System.getenv(),
                Thread.currentThread().getContextClassLoader(), file);
    }

    Sources(Map<String, String> urlParameters, Properties connectionProperties, Properties systemProperties,
            Map<String, String> environment, ClassLoader classLoader) {
        this(urlParameters, connectionProperties, systemProperties, environment, classLoader, null);
    }

    private Sources(Map<String, String> urlParameters, Properties connectionProperties, Properties systemProperties,
                    Map<String, String> environment, ClassLoader classLoader, ConfigFile file) {
        this.urlParameters = urlParameters;
        this.connectionProperties = connectionProperties != null ? connectionProperties : new Properties();
        this.systemProperties = systemProperties;
        this.environment = environment;
        this.classLoader = classLoader;
        this.file = file;
    }

    /** Resolves and validates every setting; throws before anything is read from a database. */
    public Settings resolve() throws SluiceException {
        Settings.Builder builder = new Settings.Builder();
        ConfigFile read = file != null ? file : ConfigFile.read(systemProperties, environment, classLoader);
        putAll(builder, read.entries(), Source.FILE);
        putEnvironment(builder);
        putAll(builder, systemProperties, Source.SYSTEM_PROPERTIES);
        putAll(builder, connectionProperties, Source.CONNECTION_PROPERTIES);
        for (Map.Entry<String, String> parameter : urlParameters.entrySet()) {
            put(builder, parameter.getKey(), parameter.getValue(), Source.URL);
        }
        return builder.build();
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
