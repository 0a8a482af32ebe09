package io.sluice.spring;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Hands the {@code sluice.*} keys of Spring's configuration ({@code application.properties} and
 * YAML, profiles, command-line arguments) to Sluice as connection properties of each HikariCP pool
 * that leads to Sluice, so they are read, validated and refused like any other setting. Keys the
 * pool's {@code data-source-properties} already set win. System properties and environment
 * variables are left out: Sluice reads those itself, in its own order.
 */
class SluiceSettingsPostProcessor implements BeanPostProcessor, EnvironmentAware, Ordered {
    private static final String PREFIX = "sluice.";
    /** Sources Sluice reads itself, and Spring Boot's view over all the others. */
    private static final Set<String> SKIPPED = Set.of(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME,
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, "configurationProperties");

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    /** After Spring Boot has bound {@code spring.datasource.hikari.*}, before the pool opens. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool && SluiceDataSources.isGated(pool)) {
            settings().forEach((name, value) -> {
                if (!pool.getDataSourceProperties().containsKey(name)) {
                    pool.addDataSourceProperty(name, value);
                }
            });
        }
        return bean;
    }

    /** Every {@code sluice.*} key of the application's own sources, with the value Spring resolves for it. */
    Map<String, String> settings() {
        Map<String, String> settings = new TreeMap<>();
        if (environment instanceof ConfigurableEnvironment configurable) {
            for (PropertySource<?> source : configurable.getPropertySources()) {
                if (source instanceof EnumerablePropertySource<?> names && !SKIPPED.contains(source.getName())) {
                    for (String name : names.getPropertyNames()) {
                        if (name.startsWith(PREFIX)) {
                            settings.putIfAbsent(name, environment.getProperty(name));
                        }
                    }
                }
            }
        }
        return settings;
    }
}
