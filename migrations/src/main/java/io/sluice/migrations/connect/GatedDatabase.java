package io.sluice.migrations.connect;

import io.sluice.migrations.config.ConfigFile;
import io.sluice.migrations.config.DatabaseUrl;
import io.sluice.migrations.config.Setting;
import io.sluice.migrations.config.Settings;
import io.sluice.migrations.config.Sources;
import io.sluice.migrations.dialect.Connector;
import io.sluice.migrations.dialect.Dialect;
import io.sluice.migrations.dialect.Dialects;
import io.sluice.migrations.dialect.GateSession;
import io.sluice.migrations.error.SluiceException;
import io.sluice.migrations.error.SqlState;
import io.sluice.migrations.resolve.Resolver;
import io.sluice.migrations.run.GateRun;
import io.sluice.migrations.util.Redact;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A database behind the gate: its delegate URL and driver, resolved settings and dialect. Built
 * from a URL and connection properties; every setting and the driver are checked here, before
 * anything is read from or written to the database.
 */
public final class GatedDatabase implements Connector {
    private final String delegateUrl;
    private final Properties delegateProperties;
    private final Driver driver;
    private final Settings settings;
    private final Dialect dialect;
    private final boolean enabled;

    private GatedDatabase(String delegateUrl, Properties delegateProperties, Driver driver, Settings settings,
                          Dialect dialect, boolean enabled) {
        this.delegateUrl = delegateUrl;
        this.delegateProperties = delegateProperties;
        this.driver = driver;
        this.settings = settings;
        this.dialect = dialect;
        this.enabled = enabled;
    }

    /**
     * @param url a {@code jdbc:sluice:} URL or the database's own
     * @param properties {@code sluice.*} settings and the delegate's own properties (user, password)
     */
    public static GatedDatabase resolve(String url, Properties properties) throws SluiceException {
        return resolve(url, properties, System.getProperties());
    }

    /**
     * As {@link #resolve(String, Properties)}, with {@code systemProperties} ranking as the JVM's
     * own (the java agent's arguments on top of them).
     */
    public static GatedDatabase resolve(String url, Properties properties, Properties systemProperties)
            throws SluiceException {
        DatabaseUrl parsed = DatabaseUrl.parse(url);
        return resolve(parsed, new Sources(parsed.parameters(), properties, systemProperties).resolve(), properties);
    }

    /**
     * As {@link #resolve(String, Properties)}, with the configuration file already read: the
     * command-line tool reads it once for all its instances.
     */
    public static GatedDatabase resolve(String url, Properties properties, ConfigFile file) throws SluiceException {
        DatabaseUrl parsed = DatabaseUrl.parse(url);
        return resolve(parsed, new Sources(parsed.parameters(), properties, System.getProperties(), file).resolve(),
                properties);
    }

    /**
     * As {@link #resolve(String, Properties)}, with the settings already resolved from the URL's
     * parameters and {@code properties}: the java agent reads them first to decide whether to gate.
     */
    public static GatedDatabase resolve(DatabaseUrl parsed, Settings settings, Properties properties)
            throws SluiceException {
        boolean enabled = settings.flag(Setting.ENABLED);
        if (enabled && settings.isSet(Setting.LOCATIONS)) {
            Resolver.forCurrentThread().requireExisting(settings.list(Setting.LOCATIONS));
        }
        Dialect dialect = enabled ? Dialects.forUrl(parsed.delegateUrl()) : Dialects.find(parsed.delegateUrl());
        if (enabled) {
            dialect.check(parsed.delegateUrl(), settings);
        }
        Driver driver = DelegateDrivers.find(parsed.delegateUrl());
        return new GatedDatabase(parsed.delegateUrl(), withoutSettings(properties), driver, settings, dialect,
                enabled);
    }

    /** The connection properties without {@code sluice.*} keys, which the delegate never sees. */
    public static Properties withoutSettings(Properties properties) {
        Properties delegate = new Properties();
        if (properties != null) {
            for (String name : properties.stringPropertyNames()) {
                if (!name.startsWith(Setting.PREFIX)) {
                    delegate.setProperty(name, properties.getProperty(name));
                }
            }
        }
        return delegate;
    }

    /** Identifies the database for "one gate per database per JVM": the delegate URL without credentials. */
    public String key() {
        return Redact.url(delegateUrl);
    }

    /** The short name of log lines and tags; the redacted URL for a database Sluice does not support. */
    public String name() {
        return dialect == null ? key() : dialect.databaseName(delegateUrl, delegateProperties);
    }

    /** {@code sqlite}, {@code postgresql}, or {@code unsupported} for a pass-through database Sluice does not know. */
    public String dialectName() {
        return dialect == null ? "unsupported" : dialect.name();
    }

    public String delegateUrl() {
        return delegateUrl;
    }

    public Driver driver() {
        return driver;
    }

    public Settings settings() {
        return settings;
    }

    /** False with {@code sluice.enabled=false}: connections pass straight through. */
    public boolean isGated() {
        return enabled;
    }

    /** A run of the gate, even with {@code enabled=false} (an explicit {@code Sluice.migrate}). */
    public GateRun newRun() throws SluiceException {
        return new GateRun(dialect(), delegateUrl, this, settings);
    }

    /**
     * Another database of the same kind, reached through the same driver with the same
     * credentials, under {@code otherSettings}: a copy of this one ({@code rehearse}).
     */
    public GatedDatabase at(String otherUrl, Settings otherSettings) throws SluiceException {
        return new GatedDatabase(otherUrl, delegateProperties, driver, otherSettings, dialect(), true);
    }

    /** The dialect of a supported database. */
    public Dialect dialect() throws SluiceException {
        return dialect != null ? dialect : Dialects.forUrl(delegateUrl);
    }

    /** A session on this database for operator commands (backup, restore); the caller takes the lock. */
    public GateSession openSession() throws SQLException {
        return dialect().open(delegateUrl, this, settings);
    }

    /** A session for commands that only read: a database that does not exist is refused, never created. */
    public GateSession openExistingSession() throws SQLException {
        dialect().requireExisting(delegateUrl);
        return openSession();
    }

    /** The gate's connections come from here, through the delegate driver. */
    @Override
    public Connection connect(Properties overrides) throws SQLException {
        Properties properties = delegateProperties;
        if (!overrides.isEmpty()) {
            properties = properties();
            properties.putAll(overrides);
        }
        return declinedIfNull(driver.connect(delegateUrl, properties), delegateUrl);
    }

    @Override
    public Connection connectTo(String otherUrl) throws SQLException {
        return declinedIfNull(driver.connect(otherUrl, delegateProperties), otherUrl);
    }

    @Override
    public Properties properties() {
        Properties copy = new Properties();
        copy.putAll(delegateProperties);
        return copy;
    }

    private Connection declinedIfNull(Connection connection, String url) throws SQLException {
        if (connection == null) {
            throw new SQLException(driver.getClass().getName() + " declined " + Redact.url(url),
                    SqlState.CONNECTION_UNABLE_TO_CONNECT.code());
        }
        return connection;
    }
}
