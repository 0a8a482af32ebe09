package io.sluice.migrations.sql;

import static io.sluice.migrations.sql.SplitRules.Feature.TRIGGER_BODIES;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits a script into statements at semicolons that are outside strings, quoted identifiers,
 * comments, dollar quotes and SQLite trigger bodies.
 */
public final class Splitter {
    private static final String DIRECTIVE_PREFIX = "sluice:";

    private Splitter() {
    }

    /**
     * Returns the script's statements in order. Empty statements ({@code ;;}) and those holding only
     * comments are dropped; a last statement needs no semicolon.
     *
     * @throws IllegalArgumentException for an unterminated string, identifier, comment or trigger body,
     *         naming the line it starts on
     */
    public static List<SqlStatement> split(String script, SplitRules rules) {
        List<SqlStatement> statements = new ArrayList<>();
        Lexer lexer = new Lexer(script, rules);
        TriggerDepth trigger = new TriggerDepth(rules.has(TRIGGER_BODIES));
        int start = -1;
        int end = -1;
        int line = 0;
        while (lexer.next()) {
            switch (lexer.kind) {
                case SPACE:
                case LINE_COMMENT:
                case BLOCK_COMMENT:
                    continue;
                case SEMICOLON:
                    if (!trigger.inBody()) {
                        if (start >= 0) {
                            statements.add(new SqlStatement(script.substring(start, end), line));
                        }
                        start = -1;
                        trigger.reset();
                        continue;
                    }
                    break;
                case WORD:
                    trigger.word(lexer);
                    break;
                default:
                    break;
            }
            if (start < 0) {
                start = lexer.start;
                line = lexer.line;
            }
            end = lexer.end;
        }
        if (trigger.inBody()) {
            throw new IllegalArgumentException("unterminated trigger body starting at line " + line);
        }
        if (start >= 0) {
            statements.add(new SqlStatement(script.substring(start, end), line));
        }
        return statements;
    }

    /**
     * Returns the names of the {@code -- sluice:<name>} directives in the script's line comments,
     * lower-cased, in order of first appearance. The rules are needed so that a {@code --} inside a
     * string or dollar-quoted body is not taken for a comment.
     */
    public static List<String> directives(String script, SplitRules rules) {
        Set<String> names = new LinkedHashSet<>();
        Lexer lexer = new Lexer(script, rules);
        while (lexer.next()) {
            if (lexer.kind == Lexer.Kind.LINE_COMMENT) {
                String comment = lexer.token().substring(2).trim();
                if (comment.regionMatches(true, 0, DIRECTIVE_PREFIX, 0, DIRECTIVE_PREFIX.length())) {
                    names.add(directiveName(comment, lexer.line));
                }
            }
        }
        return List.copyOf(names);
    }

    private static String directiveName(String comment, int line) {
        int from = DIRECTIVE_PREFIX.length();
        int to = from;
        while (to < comment.length() && !Character.isWhitespace(comment.charAt(to))) {
            to++;
        }
        if (to == from) {
            throw new IllegalArgumentException("sluice directive without a name at line " + line);
        }
        return comment.substring(from, to).toLowerCase(Locale.ROOT);
    }

    /**
     * SQLite's {@code CREATE [TEMP|TEMPORARY] TRIGGER ... BEGIN ...; ...; END} holds semicolons. Its
     * body may also hold {@code CASE ... END}, so BEGIN and CASE open and END closes; a semicolon ends
     * the statement only at depth 0.
     */
    private static final class TriggerDepth {
        private final boolean enabled;
        private int words;
        private boolean header;
        private boolean inTrigger;
        private int depth;

        TriggerDepth(boolean enabled) {
            this.enabled = enabled;
        }

        void word(Lexer lexer) {
            if (!enabled) {
                return;
            }
            if (inTrigger) {
                if (lexer.isWord("begin") || lexer.isWord("case")) {
                    depth++;
                } else if (lexer.isWord("end") && depth > 0) {
                    depth--;
                }
                return;
            }
            int index = words++;
            if (index == 0) {
                header = lexer.isWord("create");
            } else if (header && index <= 2 && lexer.isWord("trigger")) {
                inTrigger = true;
            } else if (index > 1 || !(lexer.isWord("temp") || lexer.isWord("temporary"))) {
                header = false;
            }
        }

        boolean inBody() {
            return depth > 0;
        }

        void reset() {
            words = 0;
            header = false;
            inTrigger = false;
            depth = 0;
        }
    }
}
