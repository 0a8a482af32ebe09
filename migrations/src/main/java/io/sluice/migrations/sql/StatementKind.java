package io.sluice.migrations.sql;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * What one statement does to the catalog, as far as Sluice needs to know: which object it
 * creates, changes or drops, whether it is destructive, and the parts the planner compares.
 * Bare names are lower-cased (PostgreSQL folds them, SQLite ignores case); quoted names keep
 * their case. A statement Sluice does not recognise is {@link Kind#OTHER} and always runs.
 * An immutable value; {@link StatementParser} reads it from the statement's tokens.
 */
public final class StatementKind {
    public enum Kind {
        CREATE_TABLE, CREATE_INDEX, CREATE_VIEW, CREATE_TRIGGER,
        ADD_COLUMN, DROP_COLUMN, RENAME_COLUMN, RENAME_TABLE, ALTER_COLUMN_TYPE, SET_NOT_NULL, ADD_CONSTRAINT,
        DROP_TABLE, DROP_VIEW, DROP_INDEX, DROP_TRIGGER, DROP_SCHEMA, DROP_DATABASE,
        TRUNCATE, DELETE, UPDATE, OTHER
    }

    /** Facts about a statement that only some kinds have. */
    enum Trait {
        /** {@code IF [NOT] EXISTS} or {@code OR REPLACE}. */
        GUARDED,
        UNIQUE,
        CONCURRENTLY,
        /** DELETE or UPDATE with a top-level WHERE. */
        FILTERED,
        FOREIGN_KEY,
        NOT_VALID,
        CASCADE
    }

    /** A statement Sluice does not model: it always runs. */
    static final StatementKind OTHER = new StatementKind(Kind.OTHER, null, null, null, null, null, null,
            EnumSet.noneOf(Trait.class));

    private final Kind kind;
    private final String schema;
    private final String table;
    private final String name;
    private final String newName;
    private final String definition;
    private final List<String> indexColumns;
    private final EnumSet<Trait> traits;

    StatementKind(Kind kind, String schema, String table, String name, String newName, String definition,
                  List<String> indexColumns, EnumSet<Trait> traits) {
        this.kind = kind;
        this.schema = schema;
        this.table = table;
        this.name = name;
        this.newName = newName;
        this.definition = definition;
        this.indexColumns = indexColumns == null ? Collections.<String>emptyList() : Collections.unmodifiableList(indexColumns);
        this.traits = EnumSet.copyOf(traits);
    }

    /** Every effect of a statement; an ALTER TABLE with several actions has several. Never empty. */
    public static List<StatementKind> classify(String sql, SplitRules rules) {
        return StatementParser.parse(sql, rules);
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

    /** {@code IF NOT EXISTS}, {@code IF EXISTS} or {@code OR REPLACE}: the statement guards itself and always runs. */
    public boolean isGuarded() {
        return traits.contains(Trait.GUARDED);
    }

    /** CREATE TABLE: the text after the name ({@code (id INTEGER, …)}); ADD COLUMN: the column definition. */
    public String definition() {
        return definition;
    }

    public List<String> indexColumns() {
        return indexColumns;
    }

    public boolean isUnique() {
        return traits.contains(Trait.UNIQUE);
    }

    public boolean isConcurrently() {
        return traits.contains(Trait.CONCURRENTLY);
    }

    public boolean addsForeignKey() {
        return traits.contains(Trait.FOREIGN_KEY);
    }

    public boolean isNotValid() {
        return traits.contains(Trait.NOT_VALID);
    }

    /** {@code DROP … CASCADE}: also drops whatever depends on the object, which nothing here models. */
    public boolean isCascade() {
        return traits.contains(Trait.CASCADE);
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
                return !traits.contains(Trait.FILTERED);
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
}
