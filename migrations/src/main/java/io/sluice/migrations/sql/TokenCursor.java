package io.sluice.migrations.sql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A cursor over the significant tokens of one statement (no spaces, no comments), read front to
 * back by the statement parser. Bare words are lower-cased; quoted identifiers are unquoted and
 * keep their case; each token keeps its type and where it stood in the text, so a caller can take
 * the rest of the statement verbatim. {@link SqlWords} is the plain list of words, for callers
 * that only need names.
 */
final class TokenCursor {
    private enum Type { WORD, QUOTED, SYMBOL, LITERAL }

    private final String sql;
    private final List<String> texts = new ArrayList<>();
    private final List<Type> types = new ArrayList<>();
    private final List<Integer> starts = new ArrayList<>();
    private final List<Integer> ends = new ArrayList<>();
    private int position;

    private TokenCursor(String sql) {
        this.sql = sql;
    }

    static TokenCursor of(String sql, SplitRules rules) {
        TokenCursor tokens = new TokenCursor(sql);
        Lexer lexer = new Lexer(sql, rules);
        while (lexer.next()) {
            switch (lexer.kind) {
                case WORD:
                    tokens.add(lexer.token().toLowerCase(Locale.ROOT), Type.WORD, lexer.start, lexer.end);
                    break;
                case QUOTED_IDENTIFIER:
                    tokens.add(SqlWords.unquote(lexer.token()), Type.QUOTED, lexer.start, lexer.end);
                    break;
                case STRING:
                case NUMBER:
                    tokens.add(lexer.token(), Type.LITERAL, lexer.start, lexer.end);
                    break;
                case SPACE:
                case LINE_COMMENT:
                case BLOCK_COMMENT:
                    break;
                default:
                    tokens.add(lexer.token(), Type.SYMBOL, lexer.start, lexer.end);
            }
        }
        return tokens;
    }

    private void add(String text, Type type, int start, int end) {
        texts.add(text);
        types.add(type);
        starts.add(start);
        ends.add(end);
    }

    /** Where reading stands, to come back to or to take text from. */
    int mark() {
        return position;
    }

    void reset(int mark) {
        position = mark;
    }

    /** The verbatim text from the token at {@code mark} up to the last token read. */
    String textFrom(int mark) {
        return mark < position ? sql.substring(starts.get(mark), ends.get(position - 1)) : "";
    }

    /**
     * Moves past the current item of a comma-separated list (an ALTER TABLE action), stopping
     * before the comma that ends it; commas inside parentheses belong to the item.
     */
    void skipItem() {
        int depth = 0;
        while (position < texts.size()) {
            boolean symbol = types.get(position) == Type.SYMBOL;
            String text = texts.get(position);
            if (symbol && text.equals(",") && depth == 0) {
                return;
            }
            if (symbol && text.equals("(")) {
                depth++;
            } else if (symbol && text.equals(")")) {
                depth--;
            }
            position++;
        }
    }

    /** Whether a bare keyword appears from here to the end outside any parentheses. */
    boolean containsAtTopLevel(String keyword) {
        int depth = 0;
        for (int i = position; i < texts.size(); i++) {
            boolean symbol = types.get(i) == Type.SYMBOL;
            if (symbol && texts.get(i).equals("(")) {
                depth++;
            } else if (symbol && texts.get(i).equals(")")) {
                depth--;
            } else if (depth == 0 && types.get(i) == Type.WORD && texts.get(i).equals(keyword)) {
                return true;
            }
        }
        return false;
    }

    /** Consumes the keywords if they come next, all of them; otherwise consumes nothing. */
    boolean accept(String... keywords) {
        for (int i = 0; i < keywords.length; i++) {
            int at = position + i;
            if (at >= texts.size() || types.get(at) != Type.WORD || !texts.get(at).equals(keywords[i])) {
                return false;
            }
        }
        position += keywords.length;
        return true;
    }

    boolean acceptAny(String... keywords) {
        for (String keyword : keywords) {
            if (accept(keyword)) {
                return true;
            }
        }
        return false;
    }

    boolean acceptSymbol(String symbol) {
        if (position < texts.size() && types.get(position) == Type.SYMBOL && texts.get(position).equals(symbol)) {
            position++;
            return true;
        }
        return false;
    }

    /** Moves past the next bare keyword; false (at the end) when it never comes. */
    boolean seek(String keyword) {
        while (position < texts.size()) {
            if (accept(keyword)) {
                return true;
            }
            position++;
        }
        return false;
    }

    boolean peekIs(String keyword) {
        return position < texts.size() && types.get(position) == Type.WORD && texts.get(position).equals(keyword);
    }

    /** The next bare word, consumed; null when the next token is not one. */
    String word() {
        return position < texts.size() && types.get(position) == Type.WORD ? texts.get(position++) : null;
    }

    /** The next identifier, bare or quoted, consumed; null at a symbol, a literal or the end. */
    String identifier() {
        if (position < texts.size() && (types.get(position) == Type.WORD || types.get(position) == Type.QUOTED)) {
            return texts.get(position++);
        }
        return null;
    }

    /** {@code [schema, name]} for {@code schema.name}, {@code [null, name]} for {@code name}; null if absent. */
    String[] qualifiedName() {
        String first = identifier();
        if (first == null) {
            return null;
        }
        if (acceptSymbol(".")) {
            String second = identifier();
            return second == null ? null : new String[] {first, second};
        }
        return new String[] {null, first};
    }

    /** The statement's text from the next token on, verbatim; empty at the end. */
    String rest() {
        return position < texts.size() ? sql.substring(starts.get(position)).trim() : "";
    }

    /**
     * Reads a parenthesised, comma-separated list from here: each item's column name, or
     * {@code (expression)} when the item is more than a column with an ordering. Null when no list follows.
     */
    List<String> columnList() {
        if (!acceptSymbol("(")) {
            return null;
        }
        List<String> items = new ArrayList<>();
        List<Integer> item = new ArrayList<>();
        int depth = 0;
        while (position < texts.size()) {
            int at = position++;
            boolean symbol = types.get(at) == Type.SYMBOL;
            String text = texts.get(at);
            if (symbol && text.equals(")") && depth == 0) {
                items.add(column(item));
                return items;
            }
            if (symbol && text.equals(",") && depth == 0) {
                items.add(column(item));
                item.clear();
                continue;
            }
            if (symbol && text.equals("(")) {
                depth++;
            } else if (symbol && text.equals(")")) {
                depth--;
            }
            item.add(at);
        }
        return items;
    }

    private String column(List<Integer> item) {
        if (item.isEmpty() || (types.get(item.get(0)) != Type.WORD && types.get(item.get(0)) != Type.QUOTED)) {
            return "(expression)";
        }
        for (int i = 1; i < item.size(); i++) {
            int at = item.get(i);
            if (types.get(at) != Type.WORD || !ORDERING.contains(texts.get(at))) {
                return "(expression)";
            }
        }
        return texts.get(item.get(0));
    }

    private static final Set<String> ORDERING = new HashSet<>(Arrays.asList("asc", "desc", "nulls", "first", "last"));
}
