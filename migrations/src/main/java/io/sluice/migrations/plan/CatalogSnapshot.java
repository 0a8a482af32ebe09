package io.sluice.migrations.plan;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The schema objects of the inspected schema, in memory: read once from the live catalog, then
 * advanced statement by statement as planned statements would change it, so each pending
 * migration is planned against the database the earlier ones will leave. Names are compared
 * case-insensitively, as bare names are folded by both databases.
 */
public final class CatalogSnapshot {
    private final Map<String, TableShape> tables = new HashMap<>();
    private final Map<String, IndexShape> indexes = new HashMap<>();
    private final Set<String> views = new HashSet<>();
    private final Set<String> triggers = new HashSet<>();

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    public void putTable(String name, TableShape shape) {
        tables.put(key(name), shape);
    }

    public void putIndex(String name, IndexShape shape) {
        indexes.put(key(name), shape);
    }

    public void putView(String name) {
        views.add(key(name));
    }

    public void putTrigger(String name) {
        triggers.add(key(name));
    }

    public TableShape table(String name) {
        return tables.get(key(name));
    }

    public IndexShape index(String name) {
        return indexes.get(key(name));
    }

    public boolean hasView(String name) {
        return views.contains(key(name));
    }

    public boolean hasTrigger(String name) {
        return triggers.contains(key(name));
    }

    void removeTable(String name) {
        tables.remove(key(name));
        indexes.values().removeIf(index -> index.table().equalsIgnoreCase(name));
    }

    void renameTable(String from, String to) {
        TableShape shape = tables.remove(key(from));
        if (shape != null) {
            tables.put(key(to), shape);
        }
    }

    void removeIndex(String name) {
        indexes.remove(key(name));
    }

    void removeView(String name) {
        views.remove(key(name));
    }

    void removeTrigger(String name) {
        triggers.remove(key(name));
    }
}
