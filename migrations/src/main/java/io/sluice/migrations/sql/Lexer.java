package io.sluice.migrations.sql;

import static io.sluice.migrations.sql.SplitRules.Feature.BACKTICK_IDENTIFIERS;
import static io.sluice.migrations.sql.SplitRules.Feature.BRACKET_IDENTIFIERS;
import static io.sluice.migrations.sql.SplitRules.Feature.DOLLAR_QUOTES;
import static io.sluice.migrations.sql.SplitRules.Feature.ESCAPE_STRINGS;
import static io.sluice.migrations.sql.SplitRules.Feature.NESTED_COMMENTS;

/**
 * One pass over SQL text, a token at a time: just enough lexing to know where strings, quoted
 * identifiers and comments begin and end. The current token is read from the fields after
 * {@link #next()}; nothing is allocated per token.
 */
final class Lexer {
    enum Kind {
        SPACE, LINE_COMMENT, BLOCK_COMMENT, STRING, QUOTED_IDENTIFIER, WORD, NUMBER, SEMICOLON, OTHER
    }

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final String text;
    private final SplitRules rules;
    private int pos;
    private int nextLine = 1;

    Kind kind;
    int start;
    int end;
    /** 1-based line of the token's first character. */
    int line;

    Lexer(String text, SplitRules rules) {
        this.text = text;
        this.rules = rules;
    }

    /** Moves to the next token; false at the end of the text. */
    boolean next() {
        if (pos >= text.length()) {
            return false;
        }
        start = pos;
        line = nextLine;
        pos = scan(text.charAt(pos));
        end = pos;
        countLines();
        return true;
    }

    boolean isWord(String keyword) {
        return kind == Kind.WORD && end - start == keyword.length()
            && text.regionMatches(true, start, keyword, 0, keyword.length());
    }

    String token() {
        return text.substring(start, end);
    }

    /** Returns the end of the token starting with {@code c} at {@link #pos}, and sets its kind. */
    private int scan(char c) {
        int at = pos;
        if (Character.isWhitespace(c) || (c == BYTE_ORDER_MARK && at == 0)) {
            kind = Kind.SPACE;
            return skipWhitespace(at + 1);
        }
        if (c == '-' && peek(at + 1) == '-') {
            kind = Kind.LINE_COMMENT;
            return lineEnd(at + 2);
        }
        if (c == '/' && peek(at + 1) == '*') {
            kind = Kind.BLOCK_COMMENT;
            return blockCommentEnd(at + 2);
        }
        if (c == '\'') {
            kind = Kind.STRING;
            return quoteEnd(at + 1, '\'', true, false, "string literal");
        }
        if (c == '"' || (c == '`' && rules.has(BACKTICK_IDENTIFIERS))) {
            kind = Kind.QUOTED_IDENTIFIER;
            return quoteEnd(at + 1, c, true, false, "quoted identifier");
        }
        if (c == '[' && rules.has(BRACKET_IDENTIFIERS)) {
            kind = Kind.QUOTED_IDENTIFIER;
            return quoteEnd(at + 1, ']', false, false, "quoted identifier");
        }
        if (c == ';') {
            kind = Kind.SEMICOLON;
            return at + 1;
        }
        if (c == '$' && rules.has(DOLLAR_QUOTES)) {
            int tagEnd = dollarTagEnd(at);
            if (tagEnd > 0) {
                kind = Kind.STRING;
                return dollarQuoteEnd(text.substring(at, tagEnd), tagEnd);
            }
        }
        if (isWordStart(c)) {
            return wordOrPrefixedString(c, at);
        }
        if (isDigit(c)) {
            kind = Kind.NUMBER;
            int i = at + 1;
            while (i < text.length() && isNumberPart(text.charAt(i))) {
                i++;
            }
            return i;
        }
        kind = Kind.OTHER;
        return at + 1;
    }

    /** x'..' (blob), b'..', n'..' and e'..' are one string literal, not an identifier and a string. */
    private int wordOrPrefixedString(char c, int at) {
        if (peek(at + 1) == '\'' && "bBeEnNxX".indexOf(c) >= 0) {
            kind = Kind.STRING;
            boolean backslash = (c == 'e' || c == 'E') && rules.has(ESCAPE_STRINGS);
            return quoteEnd(at + 2, '\'', true, backslash, "string literal");
        }
        kind = Kind.WORD;
        int i = at + 1;
        while (i < text.length() && isWordPart(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private int skipWhitespace(int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private int lineEnd(int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
            i++;
        }
        return i;
    }

    private int blockCommentEnd(int from) {
        boolean nested = rules.has(NESTED_COMMENTS);
        int depth = 1;
        int i = from;
        while (i < text.length() - 1) {
            char c = text.charAt(i);
            if (c == '*' && text.charAt(i + 1) == '/') {
                if (--depth == 0) {
                    return i + 2;
                }
                i += 2;
            } else if (nested && c == '/' && text.charAt(i + 1) == '*') {
                depth++;
                i += 2;
            } else {
                i++;
            }
        }
        throw unterminated("block comment");
    }

    /**
     * Returns the index after the closing {@code close}. A doubled close character is an escaped
     * one where {@code doubled}; a backslash escapes the next character where {@code backslash}.
     */
    private int quoteEnd(int from, char close, boolean doubled, boolean backslash, String what) {
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (backslash && c == '\\') {
                i += 2;
            } else if (c != close) {
                i++;
            } else if (doubled && peek(i + 1) == close) {
                i += 2;
            } else {
                return i + 1;
            }
        }
        throw unterminated(what);
    }

    /** Returns the index after a {@code $tag$} opening at {@code at}, or -1 when there is none (e.g. {@code $1}). */
    private int dollarTagEnd(int at) {
        int i = at + 1;
        if (i < text.length() && isWordStart(text.charAt(i))) {
            i++;
            while (i < text.length() && isWordPart(text.charAt(i)) && text.charAt(i) != '$') {
                i++;
            }
        }
        return peek(i) == '$' ? i + 1 : -1;
    }

    private int dollarQuoteEnd(String tag, int from) {
        int close = text.indexOf(tag, from);
        if (close < 0) {
            throw unterminated("dollar-quoted string");
        }
        return close + tag.length();
    }

    private void countLines() {
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            // \r\n is one break: the \r counts it, the \n that follows does not.
            if (c == '\r' || (c == '\n' && (i == 0 || text.charAt(i - 1) != '\r'))) {
                nextLine++;
            }
        }
    }

    private char peek(int i) {
        return i < text.length() ? text.charAt(i) : '\0';
    }

    private IllegalArgumentException unterminated(String what) {
        return new IllegalArgumentException("unterminated " + what + " starting at line " + line);
    }

    // Both dialects treat non-ASCII characters as identifier letters.
    private static boolean isWordStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'
            || (c >= 0x80 && !Character.isWhitespace(c));
    }

    private static boolean isWordPart(char c) {
        return isWordStart(c) || isDigit(c) || c == '$';
    }

    // Covers 1.5e3 and 0x1F; a sign or exponent sign starts another token, which splitting does not mind.
    private static boolean isNumberPart(char c) {
        return isWordStart(c) || isDigit(c) || c == '.';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
