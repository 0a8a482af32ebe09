package io.sluice.migrations.connect;

import io.sluice.migrations.error.Problem;
import io.sluice.migrations.error.SluiceException;
import io.sluice.migrations.util.Redact;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Finds the application's own JDBC driver for a delegate URL. {@link DriverManager} only shows
 * drivers its caller's class loader can see, which hides a web application's drivers from a
 * driver loaded by a servlet container; the context class loader's service registrations are
 * asked next.
 */
final class DelegateDrivers {
    /** Sluice's own driver, recognised by name so a delegate lookup never recurses into it. */
    private static final String SLUICE_DRIVER = "io.sluice.driver.SluiceDriver";

    private DelegateDrivers() {
    }

    public static Driver find(String delegateUrl) throws SluiceException {
        Set<String> seen = new LinkedHashSet<>();
        Enumeration<Driver> registered = DriverManager.getDrivers();
        while (registered.hasMoreElements()) {
            Driver driver = registered.nextElement();
            if (accepts(driver, delegateUrl, seen)) {
                return driver;
            }
        }
        for (ClassLoader loader : loaders()) {
            Iterator<Driver> services = ServiceLoader.load(Driver.class, loader).iterator();
            while (hasNext(services)) {
                Driver driver = next(services);
                if (driver != null && accepts(driver, delegateUrl, seen)) {
                    return driver;
                }
            }
        }
        throw new SluiceException(Problem.NO_DRIVER, "No JDBC driver accepts " + Redact.url(delegateUrl)
                + "; drivers seen: " + (seen.isEmpty() ? "none" : String.join(", ", seen))
                + "; add the database's JDBC driver (e.g. org.xerial:sqlite-jdbc) to the classpath");
    }

    private static boolean accepts(Driver driver, String url, Set<String> seen) {
        seen.add(driver.getClass().getName());
        try {
            return !driver.getClass().getName().equals(SLUICE_DRIVER) && driver.acceptsURL(url);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    private static List<ClassLoader> loaders() {
        List<ClassLoader> loaders = new ArrayList<>();
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null) {
            loaders.add(context);
        }
        ClassLoader own = DelegateDrivers.class.getClassLoader();
        if (own != null && own != context) {
            loaders.add(own);
        }
        return loaders;
    }

    /** A broken registration elsewhere on the classpath must not hide the driver we look for. */
    private static boolean hasNext(Iterator<Driver> services) {
        while (true) {
            try {
                return services.hasNext();
            } catch (ServiceConfigurationError skipped) {
                // try the next registration
            }
        }
    }

    private static Driver next(Iterator<Driver> services) {
        try {
            return services.next();
        } catch (ServiceConfigurationError skipped) {
            return null;
        }
    }
}
