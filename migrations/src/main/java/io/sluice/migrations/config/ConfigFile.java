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
import java.util.Map;
import java.util.Properties;

/**
 * The configuration file as read once: {@code sluice.properties} on the context class path,
 * overlaid by the file at {@code sluice.config}. Whoever reads several databases' settings at once
 * (the command-line tool over its instances) reads it once and hands it to each {@link Sources}.
 */
public final class ConfigFile {
    static final String CLASSPATH_FILE = "sluice.properties";

    private final Properties entries;

    private ConfigFile(Properties entries) {
        this.entries = entries;
    }

    /** Reads the file named by {@code sluice.config} in {@code systemProperties} or the environment. */
    public static ConfigFile read(Properties systemProperties) throws SluiceException {
        return read(systemProperties, System.getenv(), Thread.currentThread().getContextClassLoader());
    }

    static ConfigFile read(Properties systemProperties, Map<String, String> environment, ClassLoader classLoader)
            throws SluiceException {
        Properties properties = new Properties();
        ClassLoader loader = classLoader != null ? classLoader : ConfigFile.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(CLASSPATH_FILE)) {
            if (in != null) {
                properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new SluiceException(Problem.INVALID_SETTING, CLASSPATH_FILE + " on the classpath cannot be read: "
                    + e.getMessage(), e);
        }
        String path = trustedValue(Setting.CONFIG, systemProperties, environment);
        if (path != null) {
            try (Reader reader = Files.newBufferedReader(Paths.get(path), StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (NoSuchFileException e) {
                throw new SluiceException(Problem.INVALID_SETTING, Setting.CONFIG.property() + "=" + path
                        + " does not exist; point it at a readable properties file or remove the setting", e);
            } catch (IOException e) {
                throw new SluiceException(Problem.INVALID_SETTING, Setting.CONFIG.property() + "=" + path
                        + " cannot be read: " + e.getMessage(), e);
            }
        }
        return new ConfigFile(properties);
    }

    /** {@code sluice.config} itself comes only from system properties or the environment. */
    private static String trustedValue(Setting setting, Properties systemProperties, Map<String, String> environment) {
        String value = systemProperties.getProperty(setting.property());
        if (value == null) {
            value = systemProperties.getProperty(setting.kebabProperty());
        }
        return value != null ? value : environment.get(setting.environmentVariable());
    }

    /** Every entry, {@code sluice.instance.*} included; a copy. */
    public Properties entries() {
        Properties copy = new Properties();
        copy.putAll(entries);
        return copy;
    }
}
