package io.sluice.migrations.sql;

import static io.sluice.migrations.sql.SplitRules.POSTGRES;
import static io.sluice.migrations.sql.SplitRules.SQLITE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Builds scripts from known statements joined by random whitespace, comments and empty
 * statements, and checks that splitting gives back exactly those statements and their lines.
 */
class SplitterGeneratedScriptsTest {
    private static final List<String> SQLITE_STATEMENTS = List.of(
        "CREATE TABLE loan (id INTEGER PRIMARY KEY, note TEXT DEFAULT 'a;b')",
        "INSERT INTO loan (note) VALUES ('it''s; fine -- really /* yes */')",
        "SELECT \"odd;\"\"name\", `back;tick`, [brack;et] FROM loan",
        "SELECT 1 -- inner; comment\n  + 2",
        "UPDATE loan SET note = 'two\r\nlines;' /* inner; */ WHERE id = 1",
        "CREATE TRIGGER t AFTER INSERT ON loan BEGIN UPDATE loan SET note = CASE WHEN new.id > 1 THEN 'x;' ELSE 'y' END"
            + " WHERE id = new.id; DELETE FROM loan WHERE id < 0; END",
        "CREATE TEMP TRIGGER t2 BEFORE DELETE ON loan\nBEGIN\n  SELECT RAISE(ABORT, 'no; way');\nEND",
        "SELECT CASE WHEN 1 THEN 'begin' ELSE 'end' END",
        "BEGIN",
        "INSERT INTO blob VALUES (x'3b')");

    private static final List<String> POSTGRES_STATEMENTS = List.of(
        "CREATE FUNCTION f() RETURNS trigger AS $$\nBEGIN\n  NEW.note := 'a;b';\n  RETURN NEW;\nEND;\n$$ LANGUAGE plpgsql",
        "DO $body$ BEGIN RAISE NOTICE '$$;'; END $body$",
        "SELECT E'it\\'s; ok', 'plain''s; ok'",
        "SELECT /* outer /* nested; */ still; */ 1",
        "CREATE TABLE \"My;Table\" (id int, tags text[])",
        "SELECT tags[1] FROM \"My;Table\" WHERE id = $1",
        "CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f()",
        "CREATE INDEX CONCURRENTLY i ON t (a)");

    // Valid between statements in both dialects; ";" makes empty statements.
    private static final List<String> GAPS = List.of(
        " ", "\n", "\r\n", "\r", "\t", "  \n  ", ";",
        "-- gap; it's \"quoted\"\n", "-- crlf\r\n", "/* gap; 'x' */", "/* two\r\nlines; \" */");

    @Test
    void sqliteScriptsSplitBackIntoTheirStatements() {
        assertScriptsSplitBack(SQLITE, SQLITE_STATEMENTS, 11L);
    }

    @Test
    void postgresScriptsSplitBackIntoTheirStatements() {
        assertScriptsSplitBack(POSTGRES, POSTGRES_STATEMENTS, 12L);
    }

    private static void assertScriptsSplitBack(SplitRules rules, List<String> pool, long seed) {
        Random random = new Random(seed);
        for (int run = 0; run < 2_000; run++) {
            StringBuilder script = new StringBuilder();
            List<SqlStatement> expected = new ArrayList<>();
            int count = random.nextInt(6);
            for (int i = 0; i < count; i++) {
                script.append(gap(random));
                String sql = pool.get(random.nextInt(pool.size()));
                expected.add(new SqlStatement(sql, lineAt(script)));
                script.append(sql).append(gap(random));
                if (i < count - 1 || random.nextBoolean()) {
                    script.append(';');
                }
            }
            script.append(gap(random));
            assertEquals(expected, Splitter.split(script.toString(), rules), "script:\n" + script);
        }
    }

    private static String gap(Random random) {
        StringBuilder gap = new StringBuilder();
        for (int pieces = random.nextInt(4); pieces > 0; pieces--) {
            gap.append(GAPS.get(random.nextInt(GAPS.size())));
        }
        return gap.toString();
    }

    // Counted independently of the lexer: \r\n, \r and \n are one line break each.
    private static int lineAt(CharSequence prefix) {
        String normalised = prefix.toString().replace("\r\n", "\n").replace('\r', '\n');
        return 1 + (int) normalised.chars().filter(c -> c == '\n').count();
    }
}
