package io.sluice.migrations.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The significant tokens of one statement (no spaces, no comments), read front to back. */
final class Tokens {
    private final List<String> words = new ArrayList<>();
    private final List<Boolean> quoted = new ArrayList<>();
    private int position;

    static Tokens of(String sql, SplitRules rules) {
        Tokens tokens = new Tokens();
        Lexer lexer = new Lexer(sql, rules);
        while (lexer.next()) {
            switch (lexer.kind) {
                case WORD:
                    tokens.add(lexer.token().toLowerCase(Locale.ROOT), false);
                    break;
                case QUOTED_IDENTIFIER:
                    tokens.add(SqlTokens.unquote(lexer.token()), true);
                    break;
                case SPACE:
                case LINE_COMMENT:
                case BLOCK_COMMENT:
                    break;
                default:
                    tokens.add(lexer.token(), true);
            }
        }
        return tokens;
    }

    private void add(String text, boolean isQuotedOrSymbol) {
        words.add(text);
        quoted.add(isQuotedOrSymbol);
    }

    /** Consumes the keywords if they come next, all of them; otherwise consumes nothing. */
    boolean accept(String... keywords) {
        for (int i = 0; i < keywords.length; i++) {
            int at = position + i;
            if (at >= words.size() || quoted.get(at) || !words.get(at).equals(keywords[i])) {
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

    boolean acceptSymbol(char symbol) {
        if (position < words.size() && words.get(position).equals(String.valueOf(symbol))) {
            position++;
            return true;
        }
        return false;
    }

    boolean peekIs(String keyword) {
        return position < words.size() && !quoted.get(position) && words.get(position).equals(keyword);
    }

    /** The next bare word, consumed; null when the next token is not one. */
    String word() {
        if (position < words.size() && !quoted.get(position)) {
            return words.get(position++);
        }
        return null;
    }

    /** The next identifier, bare or quoted, consumed; null at a symbol or the end. */
    String identifier() {
        if (position >= words.size()) {
            return null;
        }
        String token = words.get(position);
        boolean symbol = quoted.get(position) && token.length() == 1 && !Character.isLetterOrDigit(token.charAt(0));
        if (symbol) {
            return null;
        }
        position++;
        return token;
    }

    /** {@code [schema, name]} for {@code schema.name}, {@code [null, name]} for {@code name}; null if absent. */
    String[] qualifiedName() {
        String first = identifier();
        if (first == null) {
            return null;
        }
        if (acceptSymbol('.')) {
            String second = identifier();
            return second == null ? null : new String[] {first, second};
        }
        return new String[] {null, first};
    }
}
