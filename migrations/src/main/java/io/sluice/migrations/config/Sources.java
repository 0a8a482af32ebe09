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
    private static final String PLACEHOLDER_PREFIX = "placeholders.";
    /** The command-line tool's instance definitions live in the file; the gate ignores them. */
    private static final String INSTANCE_PREFIX = "instance.";

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
        putAll(builder, file, "the configuration file", true);
        putEnvironment(builder);
        putAll(builder, systemProperties, "system properties", true);
        putAll(builder, connectionProperties, "connection properties", false);
        for (Map.Entry<String, String> parameter : urlParameters.entrySet()) {
            put(builder, parameter.getKey(), parameter.getValue(), "the URL", false);
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
            value = systemProperties.getProperty(kebab(setting.property()));
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

    private static void putAll(Settings.Builder builder, Properties properties, String origin, boolean trusted)
            throws SluiceException {
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith(Setting.PREFIX)) {
                put(builder, name, properties.getProperty(name), origin, trusted);
            }
        }
    }

    private static void put(Settings.Builder builder, String name, String value, String origin, boolean trusted)
            throws SluiceException {
        String key = name.substring(Setting.PREFIX.length());
        if (key.startsWith(PLACEHOLDER_PREFIX) && key.length() > PLACEHOLDER_PREFIX.length()) {
            builder.placeholder(key.substring(PLACEHOLDER_PREFIX.length()), value);
            return;
        }
        if (key.startsWith(INSTANCE_PREFIX) && trusted) {
            return;
        }
        Setting setting = find(key);
        if (setting == null) {
            throw new SluiceException(Problem.INVALID_SETTING, "Unknown setting " + name + " (from " + origin
                    + "); did you mean " + closest(key).property() + "?");
        }
        if (setting.isTrustedOnly() && !trusted) {
            throw new SluiceException(Problem.INVALID_SETTING, setting.property() + " cannot be set in " + origin
                    + " because it names a program or file; set it as a system property, as "
                    + setting.environmentVariable() + " or in the configuration file");
        }
        builder.put(setting, value, origin);
    }

    /** The setting for a key in camel or kebab case, or null. */
    public static Setting find(String key) {
        String camel = camel(key);
        for (Setting setting : Setting.values()) {
            if (setting.key().equals(camel) && setting.kind() != Setting.Kind.PREFIX) {
                return setting;
            }
        }
        return null;
    }

    /**
     * Null when {@code key} (without {@code sluice.}) names a setting, a placeholder or an instance
     * entry; otherwise the setting nearest to it, for "did you mean".
     */
    public static Setting misspelt(String key) {
        boolean known = key.startsWith(PLACEHOLDER_PREFIX) || key.startsWith(INSTANCE_PREFIX) || find(key) != null;
        return known ? null : closest(key);
    }

    /** The known setting whose key is nearest to an unknown one, for "did you mean". */
    static Setting closest(String key) {
        String wanted = camel(key).toLowerCase(Locale.ROOT);
        Setting best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Setting setting : Setting.values()) {
            int distance = distance(wanted, setting.key().toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = setting;
                bestDistance = distance;
            }
        }
        return best;
    }

    private static String camel(String key) {
        StringBuilder out = new StringBuilder(key.length());
        boolean upper = false;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '-') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    private static String kebab(String key) {
        return key.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** Levenshtein distance; keys are short, so the quadratic table is fine. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
