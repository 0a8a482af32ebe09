package io.sluice.driver;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** One gate per database per JVM, however many drivers, data sources or pools ask. */
final class Gates {
    private static final ConcurrentMap<String, Gate> BY_DATABASE = new ConcurrentHashMap<>();

    private Gates() {
    }

    /**
     * @param key the delegate URL without credentials
     * @param name the database's short name, for messages
     */
    static Gate forDatabase(String key, String name) {
        return BY_DATABASE.computeIfAbsent(key, ignored -> new Gate(name));
    }
}
