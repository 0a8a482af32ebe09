package io.sluice.migrations.sql;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How far a statement may change the schema beyond the effects {@link StatementKind} names. The
 * planner's model of the catalog stays certain only for objects no statement of a wider reach
 * could have touched; everything else is decided against the live catalog when it runs.
 */
public enum Reach {
    /** Changes rows, never the schema: INSERT, UPDATE, DELETE, TRUNCATE… */
    DATA,
    /** Exactly the effects it names, which the planner models. */
    MODELED,
    /** Objects it names, in ways the planner does not model (a virtual table, CREATE TABLE … AS, ALTER … RENAME CONSTRAINT). */
    NAMES,
    /** Possibly anything: a DO block, a function call, CASCADE, an extension, a statement Sluice does not know. */
    ANYTHING;

    private static final Set<String> DATA_WORDS = new HashSet<>(Arrays.asList(
            "insert", "update", "delete", "truncate", "merge", "copy", "replace", "upsert"));
    /** Statements that change only the objects they name, or nothing in the catalog the planner reads. */
    private static final Set<String> NAMING_WORDS = new HashSet<>(Arrays.asList(
            "create", "alter", "drop", "comment", "grant", "revoke", "set", "reset", "analyze", "analyse", "vacuum",
            "reindex", "cluster", "pragma", "refresh", "lock", "begin", "commit", "rollback", "end", "start",
            "savepoint", "release", "discard", "notify", "listen", "unlisten", "security", "checkpoint"));
    /** Statements whose side effects reach beyond the names they mention. */
    private static final Set<String> WIDE_CREATES = new HashSet<>(Arrays.asList("extension", "schema", "database"));

    /** The reach of one statement, given its effects as {@link StatementKind#classify} found them. */
    public static Reach of(String sql, List<StatementKind> kinds, SplitRules rules) {
        boolean modeled = true;
        boolean data = true;
        for (StatementKind kind : kinds) {
            switch (kind.kind()) {
                case OTHER:
                    modeled = false;
                    data = false;
                    break;
                case DELETE:
                case UPDATE:
                case TRUNCATE:
                    break;
                case DROP_SCHEMA:
                case DROP_DATABASE:
                    return ANYTHING;
                case ADD_CONSTRAINT:
                    data = false;
                    modeled = false; // creates or renames an index the statement need not name
                    break;
                case CREATE_TABLE:
                    data = false;
                    modeled &= !kind.isFromQuery();
                    break;
                default:
                    data = false;
                    if (kind.isCascade()) {
                        return ANYTHING;
                    }
            }
        }
        if (data) {
            return DATA;
        }
        if (modeled) {
            return MODELED;
        }
        TokenCursor tokens = TokenCursor.of(sql, rules);
        String first = tokens.word();
        if (first == null) {
            return ANYTHING;
        }
        if (DATA_WORDS.contains(first) && kinds.get(0).kind() == StatementKind.Kind.OTHER) {
            return DATA;
        }
        if (!NAMING_WORDS.contains(first) || tokens.containsAtTopLevel("cascade")) {
            return ANYTHING;
        }
        tokens.acceptAny("or");
        tokens.acceptAny("replace");
        String second = tokens.word();
        return first.equals("create") && second != null && WIDE_CREATES.contains(second) ? ANYTHING : NAMES;
    }

    /**
     * {@code BEGIN}, {@code COMMIT}, {@code ROLLBACK}, {@code END}, {@code START TRANSACTION}: a
     * statement that would end or open the transaction the gate runs a migration in.
     */
    public static boolean isTransactionControl(String sql, SplitRules rules) {
        TokenCursor tokens = TokenCursor.of(sql, rules);
        String first = tokens.word();
        if (first == null) {
            return false;
        }
        switch (first) {
            case "begin":
            case "commit":
            case "end":
                return true;
            case "rollback":
                return !tokens.peekIs("to"); // ROLLBACK TO SAVEPOINT stays inside the transaction
            case "start":
                return tokens.peekIs("transaction");
            default:
                return false;
        }
    }
}
