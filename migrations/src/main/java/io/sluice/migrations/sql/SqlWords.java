package io.sluice.migrations.sql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The words a statement mentions, without their positions or types: the names it touches, so the
 * planner can tell which tables without a full SQL parser, and its leading keywords.
 * {@link TokenCursor} is what the statement parser reads instead.
 */
public final class SqlWords {
    private SqlWords() {
    }

    /**
     * Returns every bare word (keywords included) and quoted identifier outside strings and comments,
     * unquoted and lower-cased, in order of first appearance. Lower-casing a quoted name loses
     * PostgreSQL's case distinction, which is fine for matching names against a catalog that
     * SQLite compares case-insensitively anyway.
     */
    public static Set<String> identifiers(String sql, SplitRules rules) {
        Set<String> names = new LinkedHashSet<>();
        Lexer lexer = new Lexer(sql, rules);
        while (lexer.next()) {
            if (lexer.kind == Lexer.Kind.WORD) {
                names.add(lexer.token().toLowerCase(Locale.ROOT));
            } else if (lexer.kind == Lexer.Kind.QUOTED_IDENTIFIER) {
                names.add(unquote(lexer.token()).toLowerCase(Locale.ROOT));
            }
        }
        return Collections.unmodifiableSet(names);
    }

    /** The statement's first {@code count} bare words, lower-cased (fewer when it has fewer): {@code [create, index, concurrently]}. */
    public static List<String> leadingWords(String sql, SplitRules rules, int count) {
        List<String> words = new ArrayList<>(count);
        Lexer lexer = new Lexer(sql, rules);
        while (words.size() < count && lexer.next()) {
            if (lexer.kind == Lexer.Kind.WORD) {
                words.add(lexer.token().toLowerCase(Locale.ROOT));
            }
        }
        return words;
    }

    static String unquote(String quoted) {
        char open = quoted.charAt(0);
        String inner = quoted.substring(1, quoted.length() - 1);
        if (open == '[') {
            return inner;
        }
        String quote = String.valueOf(open);
        return inner.replace(quote + quote, quote);
    }
}
