package io.sluice.migrations.sql;

import io.sluice.migrations.sql.StatementKind.Kind;
import io.sluice.migrations.sql.StatementKind.Trait;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

import static io.sluice.migrations.sql.StatementKind.OTHER;

/**
 * Reads what a statement does from its tokens: the statements Sluice models (CREATE, ALTER TABLE,
 * DROP, TRUNCATE, DELETE, UPDATE) become {@link StatementKind}s; anything else is
 * of kind {@link Kind#OTHER} and always runs.
 */
final class StatementParser {
    private StatementParser() {
    }

    /** Every effect of a statement; an ALTER TABLE with several actions has several. Never empty. */
    static List<StatementKind> parse(String sql, SplitRules rules) {
        TokenCursor tokens = TokenCursor.of(sql, rules);
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

    private static StatementKind dataChange(Kind kind, TokenCursor tokens) {
        String[] name = tokens.qualifiedName();
        if (name == null) {
            return OTHER;
        }
        Builder builder = new Builder(kind).table(name);
        builder.trait(Trait.FILTERED, tokens.containsAtTopLevel("where"));
        return builder.build();
    }

    private static StatementKind create(TokenCursor tokens) {
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
        builder.trait(Trait.GUARDED, guarded || orReplace);
        builder.definition = tokens.rest();
        if (kind == Kind.CREATE_TRIGGER && tokens.seek("on")) {
            String[] table = tokens.qualifiedName();
            builder.table = table == null ? null : table[1];
        }
        return builder.build();
    }

    private static StatementKind createIndex(TokenCursor tokens, boolean unique) {
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
        builder.trait(Trait.GUARDED, guarded);
        builder.trait(Trait.UNIQUE, unique);
        builder.trait(Trait.CONCURRENTLY, concurrently);
        builder.indexColumns = tokens.columnList();
        return builder.build();
    }

    private static void alterTable(TokenCursor tokens, List<StatementKind> kinds) {
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

    private static StatementKind alterAction(TokenCursor tokens, String[] table) {
        Builder builder = new Builder(Kind.OTHER).table(table);
        if (tokens.accept("add")) {
            if (tokens.peekIs("constraint") || tokens.peekIs("primary") || tokens.peekIs("foreign")
                    || tokens.peekIs("unique") || tokens.peekIs("check") || tokens.peekIs("exclude")) {
                int start = tokens.mark();
                tokens.skipItem();
                String constraint = tokens.textFrom(start).toLowerCase(Locale.ROOT);
                builder.kind = Kind.ADD_CONSTRAINT;
                builder.definition = constraint;
                builder.trait(Trait.FOREIGN_KEY, constraint.contains("foreign key") || constraint.contains("references"));
                builder.trait(Trait.NOT_VALID, constraint.endsWith("not valid"));
                return builder.build();
            }
            tokens.accept("column");
            builder.trait(Trait.GUARDED, tokens.accept("if", "not", "exists"));
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
            builder.trait(Trait.FOREIGN_KEY, lower.contains(" references "));
            return builder.build();
        }
        if (tokens.accept("drop")) {
            if (tokens.peekIs("constraint")) {
                return OTHER;
            }
            tokens.accept("column");
            builder.trait(Trait.GUARDED, tokens.accept("if", "exists"));
            String column = tokens.identifier();
            if (column == null) {
                return OTHER;
            }
            builder.kind = Kind.DROP_COLUMN;
            builder.name = column;
            builder.trait(Trait.CASCADE, tokens.accept("cascade"));
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

    private static void drop(TokenCursor tokens, List<StatementKind> kinds) {
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
            builder.trait(Trait.GUARDED, guarded);
            builder.trait(Trait.CASCADE, cascade);
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

    private static final class Builder {
        Kind kind;
        String schema;
        String table;
        String name;
        String newName;
        String definition;
        List<String> indexColumns;
        final EnumSet<Trait> traits = EnumSet.noneOf(Trait.class);

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

        /** Notes a trait when {@code present}. */
        void trait(Trait trait, boolean present) {
            if (present) {
                traits.add(trait);
            }
        }

        StatementKind build() {
            return new StatementKind(kind, schema, table, name, newName, definition, indexColumns, traits);
        }
    }
}
