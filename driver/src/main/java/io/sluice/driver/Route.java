package io.sluice.driver;

import io.sluice.migrations.config.Setting;
import io.sluice.migrations.connect.GatedDatabase;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;

/** Where a {@code jdbc:sluice:} URL leads: the delegate driver and URL, behind the database's gate. */
final class Route {
    final Gate gate;
    private final Driver driver;
    private final String delegateUrl;

    Route(GatedDatabase database, Gate gate) {
        this.gate = gate;
        this.driver = database.driver();
        this.delegateUrl = database.delegateUrl();
    }

    /** The delegate's own connection; {@code sluice.*} properties are never passed on. */
    Connection connect(Properties info) throws SQLException {
        return driver.connect(delegateUrl, info == null || hasSettings(info) ? GatedDatabase.withoutSettings(info) : info);
    }

    private static boolean hasSettings(Properties info) {
        for (Object key : info.keySet()) {
            if (key instanceof String && ((String) key).startsWith(Setting.PREFIX)) {
                return true;
            }
        }
        return false;
    }
}
