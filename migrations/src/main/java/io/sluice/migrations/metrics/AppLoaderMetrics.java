package io.sluice.migrations.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;

/**
 * {@link MicrometerGateMetrics} for an app whose Micrometer Sluice's own class loader cannot see:
 * the java agent's classes sit on the system class path, while a Spring Boot executable jar keeps
 * Micrometer in {@code BOOT-INF/lib} behind its own loader. The class is defined once more in a
 * loader below the app's, so it links against the app's Micrometer (and reports into the app's
 * {@code Metrics.globalRegistry}) and against Sluice's own classes above it.
 */
final class AppLoaderMetrics extends ClassLoader {
    private static final String BRIDGED = MicrometerGateMetrics.class.getName();

    static {
        registerAsParallelCapable();
    }

    private AppLoaderMetrics(ClassLoader app) {
        super(app);
    }

    /** Sluice's meters in the Micrometer that {@code app} sees. */
    static GateMetrics over(ClassLoader app) throws ReflectiveOperationException {
        Class<?> type = new AppLoaderMetrics(app).loadClass(BRIDGED);
        Constructor<?> constructor = type.getDeclaredConstructor();
        constructor.setAccessible(true); // package-private, and in a package of its own loader now
        return (GateMetrics) constructor.newInstance();
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith(BRIDGED)) { // the class and its nested ones; everything else as usual
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> type = findLoadedClass(name);
            if (type == null) {
                byte[] bytes = bytesOf(name);
                type = defineClass(name, bytes, 0, bytes.length, GateMetrics.class.getProtectionDomain());
            }
            if (resolve) {
                resolveClass(type);
            }
            return type;
        }
    }

    private static byte[] bytesOf(String name) throws ClassNotFoundException {
        String resource = name.replace('.', '/') + ".class";
        ClassLoader sluice = GateMetrics.class.getClassLoader();
        try (InputStream in = sluice != null ? sluice.getResourceAsStream(resource)
                : ClassLoader.getSystemResourceAsStream(resource)) {
            if (in == null) {
                throw new ClassNotFoundException(name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
    }
}
