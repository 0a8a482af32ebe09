package io.sluice.spring;

import org.springframework.beans.BeanWrapper;
import org.springframework.beans.PropertyAccessorFactory;

import javax.sql.DataSource;

/**
 * Tells which data sources lead to a Sluice gate, without a compile dependency on the driver: a
 * pool or data source whose URL starts with {@code jdbc:sluice:}, a {@code SluiceDataSource}, or
 * a pool built on one.
 */
final class SluiceDataSources {
    static final String URL_PREFIX = "jdbc:sluice:";
    static final String DATA_SOURCE_CLASS = "io.sluice.driver.SluiceDataSource";

    private SluiceDataSources() {
    }

    static boolean isGated(DataSource dataSource) {
        if (dataSource.getClass().getName().equals(DATA_SOURCE_CLASS)) {
            return true;
        }
        BeanWrapper bean = PropertyAccessorFactory.forBeanPropertyAccess(dataSource);
        return startsWith(read(bean, "jdbcUrl"), URL_PREFIX) // HikariCP
                || startsWith(read(bean, "url"), URL_PREFIX) // most other pools and simple data sources
                || DATA_SOURCE_CLASS.equals(read(bean, "dataSourceClassName")); // HikariCP over SluiceDataSource
    }

    private static Object read(BeanWrapper bean, String property) {
        return bean.isReadableProperty(property) ? bean.getPropertyValue(property) : null;
    }

    private static boolean startsWith(Object value, String prefix) {
        return value instanceof String text && text.startsWith(prefix);
    }
}
