package io.sluice.migrations.sql;

import java.util.EnumSet;
import java.util.Set;

/**
 * The lexical features a dialect's scripts use, as far as finding statement boundaries and
 * identifiers needs them. A dialect picks one of the constants; the lexer asks {@link #has}.
 */
public final class SplitRules {

    enum Feature {
        /** PostgreSQL {@code $$...$$} and {@code $tag$...$tag$}. */
        DOLLAR_QUOTES,
        /** PostgreSQL {@code E'...'}: a backslash escapes the next character. */
        ESCAPE_STRINGS,
        /** PostgreSQL lets block comments nest; SQLite ends one at the first {@code *}{@code /}. */
        NESTED_COMMENTS,
        /** SQLite {@code CREATE [TEMP] TRIGGER ... BEGIN ...; END}: inner semicolons do not split. */
        TRIGGER_BODIES,
        /** SQLite {@code `name`}. */
        BACKTICK_IDENTIFIERS,
        /** SQLite {@code [name]}; in PostgreSQL a bracket is an array subscript. */
        BRACKET_IDENTIFIERS
    }

    public static final SplitRules SQLITE = new SplitRules("sqlite",
        EnumSet.of(Feature.TRIGGER_BODIES, Feature.BACKTICK_IDENTIFIERS, Feature.BRACKET_IDENTIFIERS));

    public static final SplitRules POSTGRES = new SplitRules("postgres",
        EnumSet.of(Feature.DOLLAR_QUOTES, Feature.ESCAPE_STRINGS, Feature.NESTED_COMMENTS));

    private final String name;
    private final Set<Feature> features;

    private SplitRules(String name, EnumSet<Feature> features) {
        this.name = name;
        this.features = features;
    }

    boolean has(Feature feature) {
        return features.contains(feature);
    }

    @Override
    public String toString() {
        return name + features;
    }
}
