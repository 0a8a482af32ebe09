package io.sluice.migrations.sql;

import io.sluice.migrations.config.Setting;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code ${name}} in SQL scripts, as in Flyway: values from {@code sluice.placeholders.<name>}
 * and the built-ins {@code ${sluice:defaultSchema}}, {@code user}, {@code database},
 * {@code timestamp}, {@code filename} and {@code table}, also spelled {@code flyway:} so Flyway
 * folders run unchanged. An unknown name is an error, never left in the SQL.
 */
public final class Placeholders {
    public static final Placeholders NONE = new Placeholders(Collections.<String, String>emptyMap(), false);

    private static final String BUILT_IN = "sluice:";
    private static final String FLYWAY = "flyway:";

    private final Map<String, String> values;
    private final boolean enabled;

    private Placeholders(Map<String, String> values, boolean enabled) {
        this.values = values;
        this.enabled = enabled;
    }

    /**
     * @param configured {@code sluice.placeholders.*} values by name
     * @param builtIns built-in values by name without prefix ({@code defaultSchema}, {@code user}…)
     */
    public static Placeholders of(Map<String, String> configured, Map<String, String> builtIns, boolean enabled) {
        Map<String, String> all = new HashMap<>(configured);
        builtIns.forEach((name, value) -> all.put(BUILT_IN + name, value));
        return new Placeholders(all, enabled);
    }

    /** The same placeholders with {@code ${sluice:filename}} set for one script. */
    public Placeholders forScript(String filename) {
        if (!enabled) {
            return this;
        }
        Map<String, String> all = new HashMap<>(values);
        all.put(BUILT_IN + "filename", filename);
        return new Placeholders(all, true);
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
            String value = values.get(name.startsWith(FLYWAY) ? BUILT_IN + name.substring(FLYWAY.length()) : name);
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
}
