package io.sluice.migrations.sql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The catalog object a DDL statement creates or removes: {@code CREATE TABLE loans} targets table
 * {@code loans}, {@code ALTER TABLE payments ADD COLUMN split_id} targets column
 * {@code payments.split_id}. Bare names are lower-cased (PostgreSQL folds them, SQLite ignores
 * case); quoted names keep their case.
 */
public final class DdlTarget {
    public enum Kind { TABLE, VIEW, INDEX, TRIGGER, COLUMN }

    private final Kind kind;
    private final String schema;
    private final String table;
    private final String name;
    private final boolean dropped;

    private DdlTarget(Kind kind, String schema, String table, String name, boolean dropped) {
        this.kind = kind;
        this.schema = schema;
        this.table = table;
        this.name = name;
        this.dropped = dropped;
    }

    /** What a statement creates or drops, or an empty list for statements that do neither (data, grants…). */
    public static List<DdlTarget> of(String sql, SplitRules rules) {
        Tokens tokens = Tokens.of(sql, rules);
        if (tokens.accept("create")) {
            DdlTarget created = created(tokens);
            return created == null ? Collections.<DdlTarget>emptyList() : Collections.singletonList(created);
        }
        if (tokens.accept("alter") && tokens.accept("table")) {
            DdlTarget column = alteredColumn(tokens);
            return column == null ? Collections.<DdlTarget>emptyList() : Collections.singletonList(column);
        }
        if (tokens.accept("drop")) {
            return dropped(tokens);
        }
        return Collections.emptyList();
    }

    private static DdlTarget created(Tokens tokens) {
        tokens.accept("or", "replace");
        tokens.acceptAny("temp", "temporary", "unlogged");
        tokens.accept("unique");
        tokens.accept("materialized");
        String word = tokens.word();
        if (word == null) {
            return null;
        }
        switch (word) {
            case "table":
            case "view":
            case "trigger": {
                tokens.accept("if", "not", "exists");
                String[] name = tokens.qualifiedName();
                Kind kind = word.equals("table") ? Kind.TABLE : word.equals("view") ? Kind.VIEW : Kind.TRIGGER;
                return name == null ? null : new DdlTarget(kind, name[0], null, name[1], false);
            }
            case "index": {
                tokens.accept("concurrently");
                tokens.accept("if", "not", "exists");
                if (tokens.peekIs("on")) {
                    return null; // PostgreSQL names unnamed indexes itself
                }
                String index = tokens.identifier();
                if (index == null || !tokens.accept("on")) {
                    return null;
                }
                tokens.accept("only");
                String[] table = tokens.qualifiedName();
                return table == null ? null : new DdlTarget(Kind.INDEX, table[0], table[1], index, false);
            }
            default:
                return null;
        }
    }

    private static DdlTarget alteredColumn(Tokens tokens) {
        tokens.accept("if", "exists");
        tokens.accept("only");
        String[] table = tokens.qualifiedName();
        if (table == null) {
            return null;
        }
        if (tokens.accept("add")) {
            tokens.accept("column");
            tokens.accept("if", "not", "exists");
            if (tokens.peekIs("constraint") || tokens.peekIs("primary") || tokens.peekIs("foreign")
                    || tokens.peekIs("unique") || tokens.peekIs("check")) {
                return null;
            }
            String column = tokens.identifier();
            return column == null ? null : new DdlTarget(Kind.COLUMN, table[0], table[1], column, false);
        }
        if (tokens.accept("drop")) {
            tokens.accept("column");
            tokens.accept("if", "exists");
            String column = tokens.identifier();
            return column == null ? null : new DdlTarget(Kind.COLUMN, table[0], table[1], column, true);
        }
        if (tokens.accept("rename")) {
            tokens.accept("column");
            String from = tokens.identifier();
            if (from == null || !tokens.accept("to")) {
                return null;
            }
            String to = tokens.identifier();
            return to == null ? null : new DdlTarget(Kind.COLUMN, table[0], table[1], to, false);
        }
        return null;
    }

    private static List<DdlTarget> dropped(Tokens tokens) {
        tokens.accept("materialized");
        String word = tokens.word();
        Kind kind = "table".equals(word) ? Kind.TABLE : "view".equals(word) ? Kind.VIEW
                : "index".equals(word) ? Kind.INDEX : null;
        if (kind == null) {
            return Collections.emptyList();
        }
        tokens.accept("concurrently");
        tokens.accept("if", "exists");
        List<DdlTarget> targets = new ArrayList<>();
        do {
            String[] name = tokens.qualifiedName();
            if (name == null) {
                break;
            }
            targets.add(new DdlTarget(kind, name[0], null, name[1], true));
        } while (tokens.acceptSymbol(','));
        return targets;
    }

    public Kind kind() {
        return kind;
    }

    /** The schema as written, or null when the statement did not name one. */
    public String schema() {
        return schema;
    }

    /** For an index or a column: its table. */
    public String table() {
        return table;
    }

    public String name() {
        return name;
    }

    /** True when the statement removes the object rather than creating it. */
    public boolean isDropped() {
        return dropped;
    }

    /** True when both name the same object, ignoring whether it was created or dropped. */
    public boolean sameObject(DdlTarget other) {
        return kind == other.kind && Objects.equals(schema, other.schema) && Objects.equals(table, other.table)
                && name.equals(other.name);
    }

    @Override
    public String toString() {
        String qualified = (schema == null ? "" : schema + ".") + (kind == Kind.COLUMN ? table + "." : "") + name;
        return kind.name().toLowerCase(Locale.ROOT) + " " + qualified;
    }
}
