package io.sluice.driver;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Plays a servlet container: Sluice is on the container's class path, sqlite-jdbc only in the
 * web application's class loader ({@code args[1]}), which is the thread's context class loader.
 * {@code DriverManager} hides the web application's driver from Sluice's class loader.
 */
public final class ServletContainerApp {
    public static void main(String[] args) throws Exception {
        URL sqliteJar = new File(args[1]).toURI().toURL();
        try (URLClassLoader webApp = new URLClassLoader(new URL[] {sqliteJar}, ServletContainerApp.class.getClassLoader())) {
            Thread.currentThread().setContextClassLoader(webApp);
            try (Connection connection = new SluiceDriver().connect(args[0], new Properties())) {
                System.out.println("connection-class=" + connection.getClass().getName());
            } catch (SQLException e) {
                System.out.println("message=" + e.getMessage());
                System.exit(3);
            }
        }
    }
}
