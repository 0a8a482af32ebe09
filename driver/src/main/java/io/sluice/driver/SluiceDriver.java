package io.sluice.driver;

import io.sluice.migrations.config.DatabaseUrl;
import io.sluice.migrations.config.Setting;
import io.sluice.migrations.connect.GatedDatabase;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.logging.Logger;

/**
 * {@code jdbc:sluice:<rest>}: the startup gate in front of the driver of {@code jdbc:<rest>}.
 * The first connection to a database runs the gate; every connection, that one included, is the
 * delegate driver's own object, never a wrapper. After the gate opened, a connect costs one map
 * look-up and one volatile read before the delegate's own {@code connect}.
 */
public final class SluiceDriver implements Driver {
    private static final System.Logger LOG = System.getLogger("io.sluice");

    /** URL as the application writes it → where it leads; filled only once the gate lets connections through. */
    private static final ConcurrentMap<String, Route> ROUTES = new ConcurrentHashMap<>();

    static {
        // Class initialisation must never throw: a broken driver registration would take
        // DriverManager down for every other driver of the application.
        try {
            DriverManager.registerDriver(new SluiceDriver());
        } catch (SQLException | RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "io.sluice: cannot register SluiceDriver with DriverManager", e);
        }
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        Route route = ROUTES.get(url);
        if (route == null || !route.gate.passes()) {
            route = open(url, info);
        }
        return route.connect(info);
    }

    /** The slow path: settings, driver and gate for a URL not seen yet (or whose gate is not open). */
    static Route open(String url, Properties info) throws SQLException {
        GatedDatabase database = GatedDatabase.resolve(url, info);
        Gate gate = database.isGated() ? Gates.forDatabase(database) : Gate.alwaysOpen();
        gate.pass(database);
        Route route = new Route(database, gate);
        ROUTES.put(url, route);
        return route;
    }

    @Override
    public boolean acceptsURL(String url) {
        return DatabaseUrl.isSluiceUrl(url);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        Setting[] settings = Setting.values();
        DriverPropertyInfo[] properties = new DriverPropertyInfo[settings.length];
        for (int i = 0; i < settings.length; i++) {
            Setting setting = settings[i];
            String given = info == null ? null : info.getProperty(setting.property());
            properties[i] = new DriverPropertyInfo(setting.property(), given != null ? given : setting.defaultValue());
            properties[i].description = setting.description();
            properties[i].choices = setting.choices().isEmpty() ? null : setting.choices().toArray(new String[0]);
        }
        return properties;
    }

    @Override
    public int getMajorVersion() {
        return Version.MAJOR;
    }

    @Override
    public int getMinorVersion() {
        return Version.MINOR;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() {
        return Logger.getLogger("io.sluice");
    }
}
