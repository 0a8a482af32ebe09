package io.sluice.migrations.sql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * What one statement does to the catalog, as far as Sluice needs to know: which object it
 * creates, changes or drops, whether it is destructive, and the parts the planner compares.
 * Bare names are lower-cased (PostgreSQL folds them, SQLite ignores case); quoted names keep
 * their case. A statement Sluice does not recognise is {@link Kind#OTHER} and always runs.
 */
public final class StatementKind {
    public enum Kind {
        CREATE_TABLE, CREATE_INDEX, CREATE_VIEW, CREATE_TRIGGER,
        ADD_COLUMN, DROP_COLUMN, RENAME_COLUMN, RENAME_TABLE, ALTER_COLUMN_TYPE, SET_NOT_NULL, ADD_CONSTRAINT,
        DROP_TABLE, DROP_VIEW, DROP_INDEX, DROP_TRIGGER, DROP_SCHEMA, DROP_DATABASE,
        TRUNCATE, DELETE, UPDATE, OTHER
    }

    private static final StatementKind OTHER = new Builder(Kind.OTHER).build();

    private final Kind kind;
    private final String schema;
    private final String table;
    private final String name;
    private final String newName;
    private final boolean guarded;
    private final boolean orReplace;
    private final String definition;
    private final List<String> indexColumns;
    private final boolean unique;
    private final boolean concurrently;
    private final boolean filtered;
    private final boolean foreignKey;
    private final boolean notValid;
    private final boolean cascade;

    private StatementKind(Builder b) {
        kind = b.kind;
        schema = b.schema;
        table = b.table;
        name = b.name;
        newName = b.newName;
        guarded = b.guarded;
        orReplace = b.orReplace;
        definition = b.definition;
        indexColumns = b.indexColumns == null ? Collections.<String>emptyList() : Collections.unmodifiableList(b.indexColumns);
        unique = b.unique;
        concurrently = b.concurrently;
        filtered = b.filtered;
        foreignKey = b.foreignKey;
        notValid = b.notValid;
        cascade = b.cascade;
    }

    /** Every effect of a statement; an ALTER TABLE with several actions has several. Never empty. */
    public static List<StatementKind> classify(String sql, SplitRules rules) {
        Tokens tokens = Tokens.of(sql, rules);
        List<StatementKind> kinds = new ArrayList<>();
        if (tokens.accept("create")) {
            kinds.add(create(tokens));
        } else if (tokens.accept("alter", "table")) {
            alterTable(tokens, kinds);
        } else if (tokens.accept("drop")) {
            drop(tokens, kinds);
        } else if (tokens.accept("truncate")) {
            tokens.accept("table");
            tokens.accept("only");
            String[] name = tokens.qualifiedName();
            kinds.add(name == null ? OTHER : new Builder(Kind.TRUNCATE).table(name).build());
        } else if (tokens.accept("delete", "from")) {
            tokens.accept("only");
            kinds.add(dataChange(Kind.DELETE, tokens));
        } else if (tokens.accept("update")) {
            tokens.accept("only");
            kinds.add(dataChange(Kind.UPDATE, tokens));
        }
        if (kinds.isEmpty()) {
            kinds.add(OTHER);
        }
        return kinds;
    }

    private static StatementKind dataChange(Kind kind, Tokens tokens) {
        String[] name = tokens.qualifiedName();
        if (name == null) {
            return OTHER;
        }
        Builder builder = new Builder(kind).table(name);
        builder.filtered = tokens.containsAtTopLevel("where");
        return builder.build();
    }

    private static StatementKind create(Tokens tokens) {
        boolean orReplace = tokens.accept("or", "replace");
        tokens.acceptAny("temp", "temporary", "unlogged");
        boolean unique = tokens.accept("unique");
        tokens.accept("materialized");
        String word = tokens.word();
        if (word == null) {
            return OTHER;
        }
        Kind kind;
        switch (word) {
            case "table":
                kind = Kind.CREATE_TABLE;
                break;
            case "view":
                kind = Kind.CREATE_VIEW;
                break;
            case "trigger":
                kind = Kind.CREATE_TRIGGER;
                break;
            case "index":
                return createIndex(tokens, unique);
            default:
                return OTHER;
        }
        boolean guarded = tokens.accept("if", "not", "exists");
        String[] name = tokens.qualifiedName();
        if (name == null) {
            return OTHER;
        }
        Builder builder = new Builder(kind).named(name[0], name[1]);
        builder.guarded = guarded;
        builder.orReplace = orReplace;
        builder.definition = tokens.rest();
        if (kind == Kind.CREATE_TRIGGER && tokens.seek("on")) {
            String[] table = tokens.qualifiedName();
            builder.table = table == null ? null : table[1];
        }
        return builder.build();
    }

    private static StatementKind createIndex(Tokens tokens, boolean unique) {
        boolean concurrently = tokens.accept("concurrently");
        boolean guarded = tokens.accept("if", "not", "exists");
        if (tokens.peekIs("on")) {
            return OTHER; // PostgreSQL names an unnamed index itself: nothing to look up
        }
        String index = tokens.identifier();
        if (index == null || !tokens.accept("on")) {
            return OTHER;
        }
        tokens.accept("only");
        String[] table = tokens.qualifiedName();
        if (table == null) {
            return OTHER;
        }
        if (tokens.accept("using")) {
            tokens.word();
        }
        Builder builder = new Builder(Kind.CREATE_INDEX).table(table);
        builder.name = index;
        builder.guarded = guarded;
        builder.unique = unique;
        builder.concurrently = concurrently;
        builder.indexColumns = tokens.columnList();
        return builder.build();
    }

    private static void alterTable(Tokens tokens, List<StatementKind> kinds) {
        tokens.accept("if", "exists");
        tokens.accept("only");
        String[] table = tokens.qualifiedName();
        if (table == null) {
            return;
        }
        do {
            int start = tokens.mark();
            kinds.add(alterAction(tokens, table));
            tokens.reset(Math.max(start, tokens.mark()));
            tokens.skipItem();
        } while (tokens.acceptSymbol(","));
    }

    private static StatementKind alterAction(Tokens tokens, String[] table) {
        Builder builder = new Builder(Kind.OTHER).table(table);
        if (tokens.accept("add")) {
            if (tokens.peekIs("constraint") || tokens.peekIs("primary") || tokens.peekIs("foreign")
                    || tokens.peekIs("unique") || tokens.peekIs("check") || tokens.peekIs("exclude")) {
                int start = tokens.mark();
                tokens.skipItem();
                String constraint = tokens.textFrom(start).toLowerCase(Locale.ROOT);
                builder.kind = Kind.ADD_CONSTRAINT;
                builder.definition = constraint;
                builder.foreignKey = constraint.contains("foreign key") || constraint.contains("references");
                builder.notValid = constraint.endsWith("not valid");
                return builder.build();
            }
            tokens.accept("column");
            builder.guarded = tokens.accept("if", "not", "exists");
            int start = tokens.mark();
            String column = tokens.identifier();
            if (column == null) {
                return OTHER;
            }
            tokens.skipItem();
            builder.kind = Kind.ADD_COLUMN;
            builder.name = column;
            builder.definition = tokens.textFrom(start);
            String lower = builder.definition.toLowerCase(Locale.ROOT);
            builder.foreignKey = lower.contains(" references ");
            return builder.build();
        }
        if (tokens.accept("drop")) {
            if (tokens.peekIs("constraint")) {
                return OTHER;
            }
            tokens.accept("column");
            builder.guarded = tokens.accept("if", "exists");
            String column = tokens.identifier();
            if (column == null) {
                return OTHER;
            }
            builder.kind = Kind.DROP_COLUMN;
            builder.name = column;
            return builder.build();
        }
        if (tokens.accept("rename")) {
            if (tokens.accept("to")) {
                String newName = tokens.identifier();
                builder.kind = Kind.RENAME_TABLE;
                builder.name = table[1];
                builder.newName = newName;
                return newName == null ? OTHER : builder.build();
            }
            if (tokens.peekIs("constraint")) {
                return OTHER;
            }
            tokens.accept("column");
            String from = tokens.identifier();
            if (from == null || !tokens.accept("to")) {
                return OTHER;
            }
            builder.kind = Kind.RENAME_COLUMN;
            builder.name = from;
            builder.newName = tokens.identifier();
            return builder.newName == null ? OTHER : builder.build();
        }
        if (tokens.accept("alter")) {
            tokens.accept("column");
            String column = tokens.identifier();
            if (column == null) {
                return OTHER;
            }
            builder.name = column;
            if (tokens.accept("type") || tokens.accept("set", "data", "type")) {
                builder.kind = Kind.ALTER_COLUMN_TYPE;
                return builder.build();
            }
            if (tokens.accept("set", "not", "null")) {
                builder.kind = Kind.SET_NOT_NULL;
                return builder.build();
            }
        }
        return OTHER;
    }

    private static void drop(Tokens tokens, List<StatementKind> kinds) {
        tokens.accept("materialized");
        String word = tokens.word();
        Kind kind = word == null ? null : dropKind(word);
        if (kind == null) {
            return;
        }
        tokens.accept("concurrently");
        boolean guarded = tokens.accept("if", "exists");
        boolean cascade = tokens.containsAtTopLevel("cascade");
        do {
            String[] name = tokens.qualifiedName();
            if (name == null) {
                return;
            }
            Builder builder = new Builder(kind).named(name[0], name[1]);
            builder.guarded = guarded;
            builder.cascade = cascade;
            if (kind == Kind.DROP_TRIGGER && tokens.accept("on")) {
                String[] table = tokens.qualifiedName();
                builder.table = table == null ? null : table[1];
            }
            kinds.add(builder.build());
        } while (tokens.acceptSymbol(","));
    }

    private static Kind dropKind(String word) {
        switch (word) {
            case "table":
                return Kind.DROP_TABLE;
            case "view":
                return Kind.DROP_VIEW;
            case "index":
                return Kind.DROP_INDEX;
            case "trigger":
                return Kind.DROP_TRIGGER;
            case "schema":
                return Kind.DROP_SCHEMA;
            case "database":
                return Kind.DROP_DATABASE;
            default:
                return null;
        }
    }

    public Kind kind() {
        return kind;
    }

    /** The schema as written, or null. */
    public String schema() {
        return schema;
    }

    /** The table the statement works on (for an index, column, trigger or data change); for a table itself its name. */
    public String table() {
        return table;
    }

    /** The object's own name: table, view, index, trigger or column. */
    public String name() {
        return name;
    }

    /** For renames: the new name. */
    public String newName() {
        return newName;
    }

    /** {@code IF NOT EXISTS} / {@code IF EXISTS}. */
    public boolean isGuarded() {
        return guarded;
    }

    public boolean isOrReplace() {
        return orReplace;
    }

    /** CREATE TABLE: the text after the name ({@code (id INTEGER, …)}); ADD COLUMN: the column definition. */
    public String definition() {
        return definition;
    }

    public List<String> indexColumns() {
        return indexColumns;
    }

    public boolean isUnique() {
        return unique;
    }

    public boolean isConcurrently() {
        return concurrently;
    }

    /** For DELETE and UPDATE: whether a top-level WHERE limits the rows. */
    public boolean isFiltered() {
        return filtered;
    }

    public boolean addsForeignKey() {
        return foreignKey;
    }

    public boolean isNotValid() {
        return notValid;
    }

    /** {@code DROP … CASCADE}: also drops whatever depends on the object, which nothing here models. */
    public boolean isCascade() {
        return cascade;
    }

    /** {@code CREATE TABLE … AS SELECT}: a table whose shape only the query knows. */
    public boolean isFromQuery() {
        return kind == Kind.CREATE_TABLE && definition != null && !definition.startsWith("(");
    }

    /**
     * SPEC §3: DROP TABLE, DROP COLUMN, DROP SCHEMA / DATABASE, TRUNCATE, DELETE or UPDATE without
     * WHERE, and a column type change.
     */
    public boolean isDestructive() {
        switch (kind) {
            case DROP_TABLE:
            case DROP_COLUMN:
            case DROP_SCHEMA:
            case DROP_DATABASE:
            case TRUNCATE:
            case ALTER_COLUMN_TYPE:
                return true;
            case DELETE:
            case UPDATE:
                return !filtered;
            default:
                return false;
        }
    }

    /** What the statement creates or changes, as the plan names it: {@code loans}, {@code payments.split_id}. */
    public String object() {
        if (kind == Kind.OTHER) {
            return null;
        }
        boolean onColumn = kind == Kind.ADD_COLUMN || kind == Kind.DROP_COLUMN || kind == Kind.RENAME_COLUMN
                || kind == Kind.ALTER_COLUMN_TYPE || kind == Kind.SET_NOT_NULL;
        String prefix = schema == null ? "" : schema + ".";
        if (onColumn) {
            return prefix + table + "." + (kind == Kind.RENAME_COLUMN ? newName : name);
        }
        if (kind == Kind.RENAME_TABLE) {
            return prefix + newName;
        }
        return prefix + (name != null ? name : table);
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', ' ') + (object() == null ? "" : " " + object());
    }

    private static final class Builder {
        Kind kind;
        String schema;
        String table;
        String name;
        String newName;
        boolean guarded;
        boolean orReplace;
        String definition;
        List<String> indexColumns;
        boolean unique;
        boolean concurrently;
        boolean filtered;
        boolean foreignKey;
        boolean notValid;
        boolean cascade;

        Builder(Kind kind) {
            this.kind = kind;
        }

        /** The statement works on a table: {@code [schema, name]}. */
        Builder table(String[] qualified) {
            schema = qualified[0];
            table = qualified[1];
            return this;
        }

        /** The statement names an object of its own (a table, view, index, trigger). */
        Builder named(String objectSchema, String objectName) {
            schema = objectSchema;
            name = objectName;
            if (kind == Kind.CREATE_TABLE || kind == Kind.DROP_TABLE) {
                table = objectName;
            }
            return this;
        }

        StatementKind build() {
            return new StatementKind(this);
        }
    }
}
