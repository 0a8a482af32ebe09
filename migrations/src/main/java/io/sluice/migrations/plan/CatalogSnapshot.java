package io.sluice.migrations.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The schema objects of the inspected schema, in memory: read once from the live catalog, then
 * advanced statement by statement as planned statements would change it, so each pending
 * migration is planned against the database the earlier ones will leave. Names are compared
 * case-insensitively, as bare names are folded by both databases.
 */
public final class CatalogSnapshot {
    private final Map<String, TableShape> tables = new TreeMap<>();
    private final Map<String, IndexShape> indexes = new TreeMap<>();
    private final Set<String> views = new TreeSet<>();
    private final Set<String> triggers = new TreeSet<>();
    /** Names as the catalog spells them, for reports. */
    private final Map<String, String> spelling = new HashMap<>();

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    public void putTable(String name, TableShape shape) {
        tables.put(spell(name), shape);
    }

    public void putIndex(String name, IndexShape shape) {
        indexes.put(spell(name), shape);
    }

    public void putView(String name) {
        views.add(spell(name));
    }

    public void putTrigger(String name) {
        triggers.add(spell(name));
    }

    private String spell(String name) {
        spelling.putIfAbsent(key(name), name);
        return key(name);
    }

    /** Table names as the catalog spells them, sorted. */
    public List<String> tableNames() {
        return spelled(tables.keySet());
    }

    public List<String> indexNames() {
        return spelled(indexes.keySet());
    }

    public List<String> viewNames() {
        return spelled(views);
    }

    private List<String> spelled(Set<String> keys) {
        List<String> names = new ArrayList<>();
        for (String key : keys) {
            names.add(spelling.getOrDefault(key, key));
        }
        return names;
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

    public List<String> triggerNames() {
        return spelled(triggers);
    }

    /** This snapshot as a view that knows every object for certain: what is not in it is absent. */
    public CatalogView asView() {
        return new CatalogView() {
            @Override
            public Lookup<TableShape> table(String name) {
                return Lookup.ofNullable(CatalogSnapshot.this.table(name));
            }

            @Override
            public Lookup<IndexShape> index(String name) {
                return Lookup.ofNullable(CatalogSnapshot.this.index(name));
            }

            @Override
            public Lookup<String> view(String name) {
                return hasView(name) ? Lookup.present(name) : Lookup.<String>absent();
            }

            @Override
            public Lookup<String> trigger(String name) {
                return hasTrigger(name) ? Lookup.present(name) : Lookup.<String>absent();
            }
        };
    }
}
