package io.sluice.cli;

import io.sluice.migrations.config.ConfigFile;
import io.sluice.migrations.config.Setting;
import io.sluice.migrations.error.SluiceException;
import picocli.CommandLine.Option;

import java.io.UnsupportedEncodingException;
import java.net.URLEncoder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;

/** Which database(s) a command works on, and how it prints. Shared by every command. */
final class TargetOptions {
    private static final String INSTANCE_PREFIX = Setting.PREFIX + Setting.INSTANCE_PREFIX;

    @Option(names = "--url", description = "the database's JDBC URL (jdbc:sqlite:app.db, jdbc:postgresql://…); jdbc:sluice: URLs too")
    String url;

    @Option(names = "--instance", description = "an instance named in the config file (sluice.instance.<name>.url)")
    String instance;

    @Option(names = "--all-instances", description = "every instance named in the config file")
    boolean allInstances;

    @Option(names = "--locations", description = "migration locations, overriding every other source")
    String locations;

    @Option(names = "--config", description = "the properties file (stands for sluice.config)")
    Path config;

    @Option(names = "--json", description = "print one JSON document")
    boolean json;

    @Option(names = "--verbose", description = "stack traces and the gate's log lines")
    boolean verbose;

    /** The configuration file, read once when the instances are named in it; null for {@code --url}. */
    ConfigFile file;

    /** A database to work on: its instance name (null for --url), URL and connection properties. */
    static final class Instance {
        final String name;
        final String url;
        final Properties properties;

        Instance(String name, String url, Properties properties) {
            this.name = name;
            this.url = url;
            this.properties = properties;
        }
    }

    /** {@code --config} is {@code sluice.config}: a trusted source, like a system property. */
    void applyConfig() {
        if (config != null) {
            System.setProperty(Setting.CONFIG.property(), config.toString());
        }
    }

    List<Instance> instances() throws UsageException {
        int targets = (url != null ? 1 : 0) + (instance != null ? 1 : 0) + (allInstances ? 1 : 0);
        if (targets != 1) {
            throw new UsageException("name the database with exactly one of --url, --instance NAME or --all-instances");
        }
        List<Instance> instances = new ArrayList<>();
        if (url != null) {
            instances.add(new Instance(null, withLocations(url), new Properties()));
            return instances;
        }
        Properties file = configFile();
        TreeSet<String> names = new TreeSet<>();
        for (String key : file.stringPropertyNames()) {
            if (key.startsWith(INSTANCE_PREFIX) && key.endsWith(".url")) {
                names.add(key.substring(INSTANCE_PREFIX.length(), key.length() - ".url".length()));
            }
        }
        if (instance != null && !names.contains(instance)) {
            throw new UsageException("no instance " + instance + " in the config file; known: " + names);
        }
        for (String name : allInstances ? names : Collections.singleton(instance)) {
            instances.add(new Instance(name, withLocations(file.getProperty(INSTANCE_PREFIX + name + ".url")),
                    instanceProperties(file, name)));
        }
        if (instances.isEmpty()) {
            throw new UsageException("the config file names no instances (sluice.instance.<name>.url=…)");
        }
        return instances;
    }

    /** {@code sluice.instance.prod.backupDir} becomes {@code sluice.backupDir}; {@code …prod.password} stays {@code password}. */
    private static Properties instanceProperties(Properties file, String name) {
        Properties properties = new Properties();
        String prefix = INSTANCE_PREFIX + name + ".";
        for (String key : file.stringPropertyNames()) {
            if (key.startsWith(prefix) && !key.equals(prefix + "url")) {
                String setting = key.substring(prefix.length());
                boolean sluiceSetting = !setting.equals("user") && !setting.equals("password")
                        && Setting.find(setting) != null || setting.startsWith("placeholders.");
                properties.setProperty(sluiceSetting ? Setting.PREFIX + setting : setting, file.getProperty(key));
            }
        }
        return properties;
    }

    private Properties configFile() throws UsageException {
        String path = config != null ? config.toString() : System.getProperty(Setting.CONFIG.property(),
                System.getenv(Setting.CONFIG.environmentVariable()));
        if (path == null) {
            throw new UsageException("instances are named in a config file: give it with --config FILE");
        }
        try {
            file = ConfigFile.read(System.getProperties());
        } catch (SluiceException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new UsageException("cannot read the config file " + path + ": " + cause.getMessage());
        }
        return file.entries();
    }

    /** {@code --locations} wins over every source, so it rides on the URL, which ranks first. */
    private String withLocations(String databaseUrl) {
        if (locations == null) {
            return databaseUrl;
        }
        try {
            return databaseUrl + (databaseUrl.indexOf('?') < 0 ? "?" : "&") + Setting.LOCATIONS.property() + "="
                    + URLEncoder.encode(locations, "UTF-8");
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("every Java runtime has UTF-8", e);
        }
    }
}
