package io.sluice.spring;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;
import org.springframework.core.Ordered;

import java.util.Set;

/**
 * Declares {@link SluiceGates} a database initializer, so Spring Boot makes every bean that
 * depends on database initialization wait for it, and orders it before the other initializers:
 * SQL init scripts and Hibernate's {@code ddl-auto} then see the migrated schema. Registered in
 * {@code META-INF/spring.factories}.
 */
public class SluiceGatesDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {
    @Override
    protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
        return Set.of(SluiceGates.class);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
