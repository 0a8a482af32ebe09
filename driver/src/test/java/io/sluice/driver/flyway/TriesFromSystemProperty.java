package io.sluice.driver.flyway;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Lets an on-demand run go further than CI's fixed tries and seed:
 * {@code -Ddifferential.tries=5000} and {@code -Ddifferential.seed=<seed>} (any seed, such as one
 * jqwik printed for a failure) override the property's own attributes. Not {@code sluice.*} names:
 * Sluice reads those system properties itself and refuses keys it does not know.
 */
public final class TriesFromSystemProperty implements AroundPropertyHook {
    static final String TRIES = "differential.tries";
    static final String SEED = "differential.seed";

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        String tries = System.getProperty(TRIES);
        if (tries != null && !tries.isBlank()) {
            context.attributes().setTries(Integer.parseInt(tries.strip()));
        }
        String seed = System.getProperty(SEED);
        if (seed != null && !seed.isBlank()) {
            context.attributes().setSeed(seed.strip());
        }
        return property.execute();
    }

    /** Registered on the test class, it must reach the class's properties. */
    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }

    /** Outermost, so the attributes are changed before jqwik reads them to start the property. */
    @Override
    public int aroundPropertyProximity() {
        return -100;
    }
}
