package io.sluice.agent;

import java.lang.reflect.Method;
import java.util.Properties;

/**
 * Reads what the gate needs from a vendor data source the agent does not compile against: its URL
 * ({@code getUrl()} of sqlite-jdbc, {@code getURL()} of pgjdbc) and the credentials the gate's own
 * connections need.
 */
final class VendorDataSource {
    private VendorDataSource() {
    }

    /** The data source's JDBC URL, or null when it has none yet (the vendor then refuses by itself). */
    static String url(Object dataSource) throws ReflectiveOperationException {
        Method getter = getter(dataSource.getClass(), "getUrl");
        if (getter == null) {
            getter = getter(dataSource.getClass(), "getURL");
        }
        if (getter == null) {
            throw new NoSuchMethodException(dataSource.getClass().getName() + " has neither getUrl() nor getURL()");
        }
        return (String) getter.invoke(dataSource);
    }

    /** The user and password of {@code getConnection(user, password)}, else the data source's own. */
    static Properties credentials(Object dataSource, Object[] arguments) throws ReflectiveOperationException {
        Properties credentials = new Properties();
        boolean given = arguments.length == 2;
        put(credentials, "user", given ? arguments[0] : read(dataSource, "getUser"));
        put(credentials, "password", given ? arguments[1] : read(dataSource, "getPassword"));
        return credentials;
    }

    private static Object read(Object dataSource, String name) throws ReflectiveOperationException {
        Method getter = getter(dataSource.getClass(), name);
        return getter == null ? null : getter.invoke(dataSource);
    }

    private static void put(Properties properties, String name, Object value) {
        if (value instanceof String) {
            properties.setProperty(name, (String) value);
        }
    }

    private static Method getter(Class<?> type, String name) {
        try {
            Method method = type.getMethod(name);
            return method.getReturnType() == String.class ? method : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
