package io.sluice.spring;

import org.springframework.beans.factory.InitializingBean;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.List;

/**
 * Passes the gate of every Sluice data source while the context starts, before JPA and JDBC
 * templates are created ({@link SluiceGatesDetector} makes them wait for it). The first connection runs the gate; a
 * refusal then fails the start with the gate's own exception in the cause chain, where
 * {@link SluiceFailureAnalyzer} finds it, instead of a consequence such as Hibernate's "Unable to
 * determine Dialect", which drops its cause.
 */
class SluiceGates implements InitializingBean {
    private final List<DataSource> dataSources;

    SluiceGates(List<DataSource> dataSources) {
        this.dataSources = List.copyOf(dataSources);
    }

    @Override
    public void afterPropertiesSet() throws SQLException {
        for (DataSource dataSource : dataSources) {
            if (SluiceDataSources.isGated(dataSource)) {
                // Returned at once: the gate is open, and a pool keeps the connection for the application.
                dataSource.getConnection().close();
            }
        }
    }
}
