package io.sluice.migrations.sql;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Properties of the splitter and the classifier: how a script is written (comments between
 * tokens, odd whitespace, keyword case, quoted strings and dollar quotes holding semicolons and
 * keywords) never changes how it is split or what its statements are classified as.
 */
class SpellingPropertiesTest {
    /** Statements in their plainest spelling, tokens separated by single spaces. */
    private static final List<String> STATEMENTS = List.of(
            "CREATE TABLE loans ( id INTEGER PRIMARY KEY , amount INTEGER NOT NULL )",
            "CREATE UNIQUE INDEX loans_user ON loans ( user_id , created )",
            "ALTER TABLE payments ADD COLUMN split_id INTEGER",
            "ALTER TABLE payments DROP COLUMN legacy",
            "ALTER TABLE users RENAME COLUMN name TO full_name",
            "DROP TABLE IF EXISTS old_loans",
            "DELETE FROM payments",
            "DELETE FROM payments WHERE id = 1",
            "UPDATE users SET name = 'x; DROP TABLE users' WHERE id = 2",
            "INSERT INTO notes VALUES ( 'a;b' , 'DELETE FROM payments' )",
            "CREATE VIEW v AS SELECT id FROM loans",
            "TRUNCATE TABLE audit");
    private static final List<String> PG_ONLY = List.of(
            "CREATE FUNCTION f ( ) RETURNS INTEGER AS $body$ BEGIN DELETE FROM x ; RETURN 1 ; END $body$ LANGUAGE plpgsql",
            "ALTER TABLE users ALTER COLUMN email SET NOT NULL");

    @Provide
    Arbitrary<List<String>> scripts() {
        return Arbitraries.of(STATEMENTS).list().ofMinSize(1).ofMaxSize(6);
    }

    @Provide
    Arbitrary<List<String>> postgresScripts() {
        List<String> all = new ArrayList<>(STATEMENTS);
        all.addAll(PG_ONLY);
        return Arbitraries.of(all).list().ofMinSize(1).ofMaxSize(6);
    }

    @Property(tries = 300)
    void sqliteScriptsSplitAndClassifyTheSameHoweverTheyAreWritten(@ForAll("scripts") List<String> statements,
                                                                   @ForAll long seed) {
        assertSameMeaning(statements, seed, SplitRules.SQLITE);
    }

    @Property(tries = 300)
    void postgresScriptsSplitAndClassifyTheSameHoweverTheyAreWritten(@ForAll("postgresScripts") List<String> statements,
                                                                     @ForAll long seed) {
        assertSameMeaning(statements, seed, SplitRules.POSTGRES);
    }

    private static void assertSameMeaning(List<String> statements, long seed, SplitRules rules) {
        Random random = new Random(seed);
        String plain = String.join(";\n", statements) + ";";
        String respelled = statements.stream().map(s -> respell(s, random)).collect(Collectors.joining(separator(random)))
                + ";" + filler(random);

        List<SqlStatement> expected = Splitter.split(plain, rules);
        List<SqlStatement> actual = Splitter.split(respelled, rules);

        assertEquals(expected.size(), actual.size(), respelled);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(kinds(expected.get(i).sql(), rules), kinds(actual.get(i).sql(), rules), respelled);
        }
    }

    private static String kinds(String sql, SplitRules rules) {
        return StatementKind.classify(sql, rules).stream()
                .map(k -> k + (k.isDestructive() ? " destructive" : "") + " " + k.indexColumns())
                .collect(Collectors.joining(", "));
    }

    /** Same tokens, other keyword case and whitespace, comments between tokens; literals and quoted text kept. */
    private static String respell(String statement, Random random) {
        StringBuilder out = new StringBuilder();
        for (String token : tokens(statement)) {
            if (out.length() > 0) {
                out.append(gap(random));
            }
            boolean literal = token.startsWith("'") || token.startsWith("$");
            out.append(literal ? token : random.nextBoolean() ? token.toLowerCase(Locale.ROOT) : token.toUpperCase(Locale.ROOT));
        }
        return filler(random) + out;
    }

    /** Splits on spaces, keeping quoted strings and dollar-quoted bodies whole. */
    private static List<String> tokens(String statement) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < statement.length()) {
            char c = statement.charAt(i);
            if (c == ' ') {
                i++;
                continue;
            }
            int end;
            if (c == '\'') {
                end = statement.indexOf('\'', i + 1) + 1;
            } else if (c == '$') {
                String tag = statement.substring(i, statement.indexOf('$', i + 1) + 1);
                end = statement.indexOf(tag, i + tag.length()) + tag.length();
            } else {
                end = statement.indexOf(' ', i);
                end = end < 0 ? statement.length() : end;
            }
            tokens.add(statement.substring(i, end));
            i = end;
        }
        return tokens;
    }

    private static String gap(Random random) {
        switch (random.nextInt(5)) {
            case 0:
                return "\t";
            case 1:
                return " /* a; 'comment' */ ";
            case 2:
                return " -- note; with 'quote'\n";
            case 3:
                return "\r\n  ";
            default:
                return " ";
        }
    }

    private static String filler(Random random) {
        return random.nextBoolean() ? "" : "\n-- between; statements\n/* block\n ; */\n";
    }

    private static String separator(Random random) {
        return random.nextBoolean() ? ";\n" : " ;" + filler(random) + "\n\n";
    }
}
