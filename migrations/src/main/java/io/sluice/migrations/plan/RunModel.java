package io.sluice.migrations.plan;

import io.sluice.migrations.sql.Reach;
import io.sluice.migrations.sql.StatementKind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The planner's prediction of the catalog as the earlier pending statements will leave it: the
 * live catalog read before the run, advanced by the statements the planner models. It is only
 * ever certain about objects nothing unmodeled could have touched; an object named by a
 * statement it does not model (a virtual table, {@code CREATE TABLE … AS}, a constraint that
 * renames an index), one changed as a side effect (indexes dropped with their column, moved by a
 * table rename), and after a statement that may change anything (a DO block, a function call,
 * CASCADE) every object, is unknown: never skipped, never called a conflict, decided live.
 */
final class RunModel implements CatalogView {
    private final CatalogSnapshot before;
    private final Map<String, Lookup<TableShape>> tables = new HashMap<>();
    private final Map<String, Lookup<IndexShape>> indexes = new HashMap<>();
    private final Map<String, Lookup<String>> views = new HashMap<>();
    private final Map<String, Lookup<String>> triggers = new HashMap<>();
    private final Map<String, String> unknownNames = new HashMap<>();
    private final Set<String> createdInRun = new HashSet<>();
    private String everythingUnknown;
    private String triggersUnknown;

    RunModel(CatalogSnapshot before) {
        this.before = before;
    }

    private String key(String name) {
        return before.key(name);
    }

    /**
     * Unknown names are kept lower-cased whatever the database: the names a statement mentions are
     * read without their quotes' case, and calling one object too many unknown only costs a lookup.
     */
    private static String loose(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    @Override
    public Lookup<TableShape> table(String name) {
        return lookup(name, tables, Lookup.ofNullable(before.table(name)), null);
    }

    @Override
    public Lookup<IndexShape> index(String name) {
        Lookup<IndexShape> found = lookup(name, indexes, Lookup.ofNullable(before.index(name)), null);
        if (found.isPresent() && found.shape() != null && unknownNames.containsKey(loose(found.shape().table()))) {
            return Lookup.unknown(unknownNames.get(loose(found.shape().table())));
        }
        return found;
    }

    @Override
    public Lookup<String> view(String name) {
        return lookup(name, views, before.hasView(name) ? Lookup.present(name) : Lookup.<String>absent(), null);
    }

    @Override
    public Lookup<String> trigger(String name) {
        return lookup(name, triggers, before.hasTrigger(name) ? Lookup.present(name) : Lookup.<String>absent(),
                triggersUnknown);
    }

    private <T> Lookup<T> lookup(String name, Map<String, Lookup<T>> overlay, Lookup<T> beforeRun, String kindUnknown) {
        String key = key(name);
        if (unknownNames.containsKey(loose(name))) {
            return Lookup.unknown(unknownNames.get(loose(name)));
        }
        Lookup<T> known = overlay.get(key);
        if (known != null) {
            return known;
        }
        if (everythingUnknown != null || kindUnknown != null) {
            return Lookup.unknown(everythingUnknown != null ? everythingUnknown : kindUnknown);
        }
        return beforeRun;
    }

    /** Whether the table was there before the run and no pending statement created it anew: it may hold rows. */
    boolean existedBeforeRun(String table) {
        return table != null && before.table(table) != null && !createdInRun.contains(key(table));
    }

    /**
     * Moves the model past one statement. Skipped or applied, a statement leaves its effect in
     * place, so the model advances the same way whatever the migrator will decide.
     *
     * @param where "V3__x.sql line 4", for the reasons of later live decisions
     */
    void advance(List<StatementKind> effects, Reach reach, Set<String> names, String where) {
        switch (reach) {
            case DATA:
                return;
            case ANYTHING:
                everythingUnknown = where + " may have changed any object";
                tables.clear();
                indexes.clear();
                views.clear();
                triggers.clear();
                unknownNames.clear();
                return;
            case NAMES:
                for (String name : names) {
                    unknownNames.put(loose(name), where + " changed it in a way Sluice does not model");
                }
                return;
            default:
                for (StatementKind effect : effects) {
                    advance(effect, where);
                }
        }
    }

    private void advance(StatementKind effect, String where) {
        switch (effect.kind()) {
            case CREATE_TABLE:
                if (!table(effect.name()).isPresent()) { // a table already there stays as it is, skipped or refused
                    define(tables, effect.name(), Lookup.<TableShape>present(null));
                    createdInRun.add(key(effect.name()));
                }
                break;
            case CREATE_INDEX:
                define(indexes, effect.name(), Lookup.present(new IndexShape(effect.table(), effect.indexColumns(),
                        effect.isUnique())));
                break;
            case CREATE_VIEW:
                define(views, effect.name(), Lookup.present(effect.name()));
                break;
            case CREATE_TRIGGER:
                define(triggers, effect.name(), Lookup.present(effect.name()));
                break;
            case ADD_COLUMN:
            case ALTER_COLUMN_TYPE:
            case SET_NOT_NULL:
                changeTable(effect.table(), shape -> shape.withColumn(TableShape.Column.unknownShape(effect.name())));
                break;
            case DROP_COLUMN:
                changeTable(effect.table(), shape -> shape.withoutColumn(effect.name()));
                indexesOf(effect.table(), Lookup.<IndexShape>unknown(where + " dropped a column they may use"));
                break;
            case RENAME_COLUMN:
                changeTable(effect.table(), shape -> shape.withRenamedColumn(effect.name(), effect.newName()));
                indexesOf(effect.table(), Lookup.<IndexShape>unknown(where + " renamed a column they may use"));
                break;
            case RENAME_TABLE:
                define(tables, effect.newName(), table(effect.name()).isUnknown() ? Lookup.<TableShape>present(null)
                        : table(effect.name()));
                define(tables, effect.name(), Lookup.<TableShape>absent());
                indexesOf(effect.name(), Lookup.<IndexShape>unknown(where + " moved them to " + effect.newName()));
                triggersUnknown = where + " renamed the table of some triggers";
                break;
            case DROP_TABLE:
                define(tables, effect.name(), Lookup.<TableShape>absent());
                indexesOf(effect.name(), Lookup.<IndexShape>absent());
                triggersUnknown = where + " dropped a table with its triggers";
                break;
            case DROP_VIEW:
                define(views, effect.name(), Lookup.<String>absent());
                indexesOf(effect.name(), Lookup.<IndexShape>absent()); // a materialized view's indexes go with it
                break;
            case DROP_INDEX:
                define(indexes, effect.name(), Lookup.<IndexShape>absent());
                break;
            case DROP_TRIGGER:
                define(triggers, effect.name(), Lookup.<String>absent());
                break;
            default:
                break;
        }
    }

    private <T> void define(Map<String, Lookup<T>> overlay, String name, Lookup<T> state) {
        unknownNames.remove(loose(name));
        overlay.put(key(name), state);
    }

    private interface ShapeChange {
        TableShape apply(TableShape shape);
    }

    private void changeTable(String table, ShapeChange change) {
        Lookup<TableShape> current = table(table);
        if (current.isPresent() && current.shape() != null) {
            tables.put(key(table), Lookup.present(change.apply(current.shape())));
        }
    }

    /** Every index the model knows on {@code table} takes {@code state}. */
    private void indexesOf(String table, Lookup<IndexShape> state) {
        List<String> names = new ArrayList<>(before.indexNames());
        names.addAll(indexes.keySet());
        for (String name : names) {
            Lookup<IndexShape> index = index(name);
            if (index.isPresent() && index.shape() != null && index.shape().table().equalsIgnoreCase(table)) {
                indexes.put(key(name), state);
            }
        }
    }
}
