package io.sluice.agent;

import io.sluice.driver.AgentGates;
import io.sluice.migrations.config.DatabaseUrl;
import io.sluice.migrations.config.Setting;
import io.sluice.migrations.config.Settings;
import io.sluice.migrations.config.Sources;
import io.sluice.migrations.connect.GatedDatabase;
import io.sluice.migrations.dialect.Dialect;
import io.sluice.migrations.dialect.Dialects;
import io.sluice.migrations.resolve.Resolver;
import io.sluice.migrations.util.Redact;

import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.INFO;

/**
 * The agent's side of an intercepted connect: decides once per URL whether the database is gated,
 * then passes the same gate as {@code jdbc:sluice:} URLs. Only the gate's refusal reaches the
 * application; the agent's own trouble is a log line, and the connect goes on as without the agent.
 */
final class ConnectGate {
    private final Properties arguments;
    /** URL → the database to gate, or empty when the agent leaves it alone. */
    private final ConcurrentMap<String, Optional<GatedDatabase>> decisions = new ConcurrentHashMap<>();

    ConnectGate(Properties arguments) {
        this.arguments = arguments;
    }

    /** Before {@code Driver#connect(url, info)}; throws the gate's refusal. */
    void beforeDriverConnect(String url, Properties info) throws SQLException {
        if (url != null) {
            pass(url, info);
        }
    }

    /** Before a vendor {@code DataSource#getConnection}, with its arguments: none, or user and password. */
    void beforeDataSourceConnect(Object dataSource, Object[] arguments) throws SQLException {
        String url;
        Properties credentials;
        try {
            url = VendorDataSource.url(dataSource);
            credentials = url == null || decisions.containsKey(url) ? null
                    : VendorDataSource.credentials(dataSource, arguments);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log().log(ERROR, "io.sluice agent: cannot read the URL of " + dataSource.getClass().getName()
                    + "; connecting without the gate: " + e);
            return;
        }
        if (url != null) {
            pass(url, credentials);
        }
    }

    private void pass(String url, Properties info) throws SQLException {
        Optional<GatedDatabase> database = decisions.get(url);
        if (database == null) {
            database = decisions.computeIfAbsent(url, key -> decide(key, info));
        }
        if (database.isPresent()) {
            try {
                AgentGates.pass(database.get());
            } catch (RuntimeException | LinkageError e) {
                log().log(ERROR, database.get().name() + ": the agent failed; connecting without the gate", e);
            }
        }
    }

    /** Whether to gate the database at {@code url}; every failure to find out is a log line and a no. */
    private Optional<GatedDatabase> decide(String url, Properties info) {
        if (DatabaseUrl.isSluiceUrl(url)) {
            return Optional.empty(); // Sluice's own driver gates it
        }
        try {
            DatabaseUrl parsed = DatabaseUrl.parse(url);
            Properties systemProperties = systemProperties();
            Settings settings = new Sources(parsed.parameters(), info, systemProperties).resolve();
            if (!UrlFilter.of(settings).gates(parsed.delegateUrl())) {
                log().log(DEBUG, () -> name(url, info) + ": not gated, by " + Setting.INCLUDE.property() + " / "
                        + Setting.EXCLUDE.property());
                return Optional.empty();
            }
            if (Dialects.find(parsed.delegateUrl()) == null) {
                log().log(INFO, name(url, info) + ": not gated, the Sluice agent gates " + Dialects.displayNames()
                        + " databases (set " + Setting.EXCLUDE.property() + " to silence this line)");
                return Optional.empty();
            }
            if (!settings.isSet(Setting.LOCATIONS)
                    && Resolver.forCurrentThread().resolve(settings.list(Setting.LOCATIONS), false).isEmpty()) {
                log().log(INFO, name(url, info) + ": no migrations at " + settings.text(Setting.LOCATIONS)
                        + "; the Sluice agent leaves this database alone (set " + Setting.LOCATIONS.property()
                        + " to gate it)");
                return Optional.empty();
            }
            GatedDatabase database = GatedDatabase.resolve(parsed, settings, info);
            return database.isGated() ? Optional.of(database) : Optional.empty();
        } catch (SQLException e) {
            log().log(ERROR, name(url, info) + ": the Sluice agent does not gate this database: " + e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            log().log(ERROR, name(url, info) + ": the Sluice agent does not gate this database", e);
        }
        return Optional.empty();
    }

    /**
     * Asked for when needed, not when this class loads during {@code premain}: an application that
     * installs its own logging must get the chance to before the first log line.
     */
    private static System.Logger log() {
        return System.getLogger("io.sluice");
    }

    /** The agent's arguments rank as system properties; a {@code -D} of the same key wins. */
    private Properties systemProperties() {
        Properties merged = new Properties();
        merged.putAll(arguments);
        merged.putAll(System.getProperties());
        return merged;
    }

    /** The database's short name that starts Sluice's log lines, or its redacted URL. */
    private static String name(String url, Properties info) {
        Dialect dialect = Dialects.find(url);
        return dialect != null ? dialect.databaseName(url, info) : Redact.url(url);
    }
}
