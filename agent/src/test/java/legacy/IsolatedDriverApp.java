package legacy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.Driver;
import java.util.Properties;

/**
 * A plugin-style application: loads sqlite-jdbc from the jar {@code args[0]} in a class loader
 * that does not delegate to the application class loader, then connects to {@code args[1]}
 * through that driver.
 */
public final class IsolatedDriverApp {
    public static void main(String[] args) throws Exception {
        URL jar = Paths.get(args[0]).toUri().toURL();
        try (URLClassLoader plugin = new URLClassLoader(new URL[] {jar}, ClassLoader.getPlatformClassLoader())) {
            Driver driver = (Driver) plugin.loadClass("org.sqlite.JDBC").getDeclaredConstructor().newInstance();
            try (Connection connection = driver.connect(args[1], new Properties())) {
                Outcome.connected(connection);
            }
        } catch (Exception e) {
            Outcome.refused(e);
        }
    }
}
