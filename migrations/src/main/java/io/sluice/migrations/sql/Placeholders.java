package io.sluice.migrations.sql;

import io.sluice.migrations.config.Setting;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code ${name}} in SQL scripts, as in Flyway: values from {@code sluice.placeholders.<name>}
 * and the built-ins {@code ${sluice:defaultSchema}}, {@code user}, {@code database},
 * {@code timestamp}, {@code filename} and {@code table}, also spelled {@code flyway:} so Flyway
 * folders run unchanged. An unknown name is an error, never left in the SQL.
 */
public final class Placeholders {
    public static final Placeholders NONE = new Placeholders(Collections.<String, String>emptyMap(), null, false);

    private static final String BUILT_IN = "sluice:";
    private static final String FLYWAY = "flyway:";
    private static final String TIMESTAMP = BUILT_IN + "timestamp";

    private final Map<String, String> values;
    /** {@code ${sluice:timestamp}}, taken at its first use: a start that runs no script never formats a time. */
    private final Once timestamp;
    private final boolean enabled;

    private Placeholders(Map<String, String> values, Once timestamp, boolean enabled) {
        this.values = values;
        this.timestamp = timestamp;
        this.enabled = enabled;
    }

    /**
     * @param configured {@code sluice.placeholders.*} values by name
     * @param builtIns built-in values by name without prefix ({@code defaultSchema}, {@code user}…)
     */
    public static Placeholders of(Map<String, String> configured, Map<String, String> builtIns, boolean enabled) {
        return of(configured, builtIns, null, enabled);
    }

    /**
     * @param timestamp the value of {@code ${sluice:timestamp}}, asked at most once, when a script
     *                  first uses it; null when {@code builtIns} holds it (or it has none)
     */
    public static Placeholders of(Map<String, String> configured, Map<String, String> builtIns,
                                  Supplier<String> timestamp, boolean enabled) {
        Map<String, String> all = new HashMap<>(configured);
        for (Map.Entry<String, String> builtIn : builtIns.entrySet()) {
            all.put(BUILT_IN + builtIn.getKey(), builtIn.getValue());
        }
        return new Placeholders(all, timestamp == null ? null : new Once(timestamp), enabled);
    }

    /** The same placeholders with {@code ${sluice:filename}} set for one script. */
    public Placeholders forScript(String filename) {
        if (!enabled) {
            return this;
        }
        Map<String, String> all = new HashMap<>(values);
        all.put(BUILT_IN + "filename", filename);
        return new Placeholders(all, timestamp, true);
    }

    /**
     * @throws IllegalArgumentException naming the unknown placeholder
     */
    public String replace(String sql) {
        if (!enabled || sql.indexOf("${") < 0) {
            return sql;
        }
        StringBuilder out = new StringBuilder(sql.length());
        int from = 0;
        int start;
        while ((start = sql.indexOf("${", from)) >= 0) {
            int end = sql.indexOf('}', start + 2);
            if (end < 0) {
                break;
            }
            String name = sql.substring(start + 2, end);
            String key = name.startsWith(FLYWAY) ? BUILT_IN + name.substring(FLYWAY.length()) : name;
            String value = timestamp != null && key.equals(TIMESTAMP) ? timestamp.get() : values.get(key);
            if (value == null) {
                throw new IllegalArgumentException("unknown placeholder ${" + name + "}; set "
                        + Setting.PLACEHOLDERS.property() + "." + name + " or "
                        + Setting.PLACEHOLDER_REPLACEMENT.property() + "=false");
            }
            out.append(sql, from, start).append(value);
            from = end + 1;
        }
        return out.append(sql, from, sql.length()).toString();
    }

    /** A value computed on first use and kept: every script of one run sees the same timestamp. */
    private static final class Once {
        private final Supplier<String> source;
        private String value;

        Once(Supplier<String> source) {
            this.source = source;
        }

        synchronized String get() {
            if (value == null) {
                value = source.get();
            }
            return value;
        }
    }
}
