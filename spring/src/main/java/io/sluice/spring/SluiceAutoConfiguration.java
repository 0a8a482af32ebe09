package io.sluice.spring;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/**
 * Runs Sluice's gate as a step of the context's start, as Spring Boot runs Flyway: after the
 * data sources exist, before whatever depends on database initialization (the entity manager
 * factory, JDBC templates, jOOQ; see {@link SluiceGatesDetector}); and hands the {@code sluice.*}
 * keys of {@code application.properties} to HikariCP pools that lead to Sluice
 * ({@link SluiceSettingsPostProcessor}). An application that wants the
 * gate left to its first connection excludes this class ({@code spring.autoconfigure.exclude}).
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnBean(DataSource.class)
public class SluiceAutoConfiguration {

    @Bean
    SluiceGates sluiceGates(ObjectProvider<DataSource> dataSources) {
        return new SluiceGates(dataSources.orderedStream().toList());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HikariDataSource.class)
    static class HikariSettings {
        @Bean
        static SluiceSettingsPostProcessor sluiceSettingsPostProcessor() {
            return new SluiceSettingsPostProcessor();
        }
    }
}
