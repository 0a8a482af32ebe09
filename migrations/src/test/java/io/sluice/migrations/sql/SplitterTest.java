package io.sluice.migrations.sql;

import static io.sluice.migrations.sql.SplitRules.POSTGRES;
import static io.sluice.migrations.sql.SplitRules.SQLITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

class SplitterTest {
    private static SqlStatement at(int line, String sql) {
        return new SqlStatement(sql, line);
    }

    private static List<String> sqlOf(String script, SplitRules rules) {
        return Splitter.split(script, rules).stream().map(SqlStatement::sql).toList();
    }

    // --- quotes -------------------------------------------------------------------------------

    @Test
    void semicolonSeparatesStatements() {
        assertEquals(List.of(at(1, "CREATE TABLE a (id INT)"), at(2, "INSERT INTO a VALUES (1)")),
            Splitter.split("CREATE TABLE a (id INT);\nINSERT INTO a VALUES (1);\n", SQLITE));
    }

    @Test
    void semicolonInsideStringDoesNotSplit() {
        assertEquals(List.of("INSERT INTO a VALUES ('x; y')", "SELECT 1"),
            sqlOf("INSERT INTO a VALUES ('x; y'); SELECT 1;", SQLITE));
    }

    @Test
    void doubledQuoteInsideStringIsEscaped() {
        assertEquals(List.of("SELECT 'it''s; ok'", "SELECT ''''", "SELECT ''"),
            sqlOf("SELECT 'it''s; ok'; SELECT ''''; SELECT '';", SQLITE));
    }

    @Test
    void semicolonInsideDoubleQuotedIdentifierDoesNotSplit() {
        assertEquals(List.of("CREATE TABLE \"a;\"\"b\" (id INT)", "SELECT 1"),
            sqlOf("CREATE TABLE \"a;\"\"b\" (id INT); SELECT 1", POSTGRES));
    }

    @Test
    void backtickAndBracketIdentifiersHoldSemicolonsUnderSqlite() {
        assertEquals(List.of("SELECT `a;``b`, [c;d] FROM t", "SELECT 2"),
            sqlOf("SELECT `a;``b`, [c;d] FROM t; SELECT 2;", SQLITE));
    }

    @Test
    void bracketIsAnArraySubscriptUnderPostgres() {
        assertEquals(List.of("SELECT a[1", "2]"), sqlOf("SELECT a[1; 2]", POSTGRES));
    }

    @Test
    void blobLiteralIsOneString() {
        assertEquals(List.of("INSERT INTO b VALUES (x'3b27')", "SELECT 1"),
            sqlOf("INSERT INTO b VALUES (x'3b27'); SELECT 1", SQLITE));
    }

    @Test
    void escapeStringBackslashQuoteUnderPostgres() {
        assertEquals(List.of("SELECT E'it\\'s; ok\\\\'", "SELECT 'back\\'"),
            sqlOf("SELECT E'it\\'s; ok\\\\'; SELECT 'back\\';", POSTGRES));
    }

    // --- comments -----------------------------------------------------------------------------

    @Test
    void lineCommentHoldsSemicolonsAndQuotes() {
        assertEquals(List.of("SELECT 1 -- it's; \"odd\"\n  + 1", "SELECT 2"),
            sqlOf("SELECT 1 -- it's; \"odd\"\n  + 1; SELECT 2", SQLITE));
    }

    @Test
    void blockCommentAcrossLinesHoldsSemicolonsAndQuotes() {
        String script = """
            SELECT /* one;
               it's "two"; */ 1;
            SELECT 2;
            """;
        assertEquals(List.of(at(1, "SELECT /* one;\n   it's \"two\"; */ 1"), at(3, "SELECT 2")),
            Splitter.split(script, SQLITE));
    }

    @Test
    void commentsAroundAStatementAreNotPartOfIt() {
        String script = "-- leading\n/* block */ SELECT 1 /* trailing */ -- and more\n; -- after\nSELECT 2 -- end of file\n";
        assertEquals(List.of("SELECT 1", "SELECT 2"), sqlOf(script, SQLITE));
    }

    @Test
    void commentOnlyStatementsAreDropped() {
        assertEquals(List.of("SELECT 1"), sqlOf("-- nothing; here\n; /* nor ; here */ ; SELECT 1; -- tail", SQLITE));
    }

    @Test
    void blockCommentsNestUnderPostgresOnly() {
        String script = "/* outer /* inner */ SELECT 1; */ SELECT 2;";
        assertEquals(List.of("SELECT 1", "*/ SELECT 2"), sqlOf(script, SQLITE));
        assertEquals(List.of("SELECT 2"), sqlOf(script, POSTGRES));
    }

    @Test
    void lineCommentMarkerInsideStringIsText() {
        assertEquals(List.of("SELECT '-- not a comment;'", "SELECT '/*'", "SELECT 3"),
            sqlOf("SELECT '-- not a comment;'; SELECT '/*'; SELECT 3", SQLITE));
    }

    // --- SQLite triggers ----------------------------------------------------------------------

    @Test
    void triggerBodyIsOneStatement() {
        String trigger = """
            CREATE TRIGGER loan_audit AFTER UPDATE ON loan
            BEGIN
              INSERT INTO audit (loan_id, note) VALUES (new.id, 'updated; twice');
              UPDATE loan SET touched = 1 WHERE id = new.id;
            END""";
        assertEquals(List.of(at(1, trigger), at(6, "SELECT 1")), Splitter.split(trigger + ";\nSELECT 1;\n", SQLITE));
    }

    @Test
    void temporaryTriggerBodyIsOneStatement() {
        String temp = "CREATE TEMP TRIGGER t1 AFTER INSERT ON a BEGIN DELETE FROM b; DELETE FROM c; END";
        String temporary = "create temporary trigger if not exists t2 before delete on a begin select 1; end";
        assertEquals(List.of(temp, temporary, "SELECT 2"), sqlOf(temp + ";\n" + temporary + ";SELECT 2;", SQLITE));
    }

    @Test
    void triggerBodyWithCaseStaysOneStatement() {
        String trigger = """
            CREATE TRIGGER grade AFTER INSERT ON score
            WHEN CASE WHEN new.points > 0 THEN 1 ELSE 0 END
            BEGIN
              UPDATE score SET grade = CASE WHEN new.points > 90 THEN 'A;' ELSE 'B' END WHERE id = new.id;
              UPDATE score SET flag = (CASE new.points WHEN 0 THEN 'zero' END) WHERE id = new.id;
            END""";
        assertEquals(List.of(trigger, "INSERT INTO score (points) VALUES (1)"),
            sqlOf(trigger + ";\nINSERT INTO score (points) VALUES (1);", SQLITE));
    }

    @Test
    void triggerKeywordsInsideStringsAndCommentsDoNotCount() {
        String trigger = "CREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT 'end;'; -- end;\n SELECT \"end\"; END";
        assertEquals(List.of(trigger, "SELECT 1"), sqlOf(trigger + "; SELECT 1", SQLITE));
    }

    @Test
    void beginTransactionIsNotATriggerBody() {
        assertEquals(List.of("BEGIN", "CREATE TABLE t (id INT)", "COMMIT"),
            sqlOf("BEGIN; CREATE TABLE t (id INT); COMMIT;", SQLITE));
    }

    @Test
    void caseOutsideATriggerDoesNotHoldSemicolons() {
        assertEquals(List.of("SELECT CASE WHEN 1 THEN 'begin' ELSE 'x' END", "CREATE TABLE trigger_log (id INT)", "SELECT 2"),
            sqlOf("SELECT CASE WHEN 1 THEN 'begin' ELSE 'x' END; CREATE TABLE trigger_log (id INT); SELECT 2", SQLITE));
    }

    @Test
    void triggerBodiesAreOrdinaryTextUnderPostgres() {
        assertEquals(List.of("CREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW EXECUTE FUNCTION f()", "SELECT 1"),
            sqlOf("CREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW EXECUTE FUNCTION f(); SELECT 1;", POSTGRES));
    }

    @Test
    void unterminatedTriggerBodyNamesItsLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Splitter.split("SELECT 1;\n\nCREATE TRIGGER t AFTER INSERT ON a BEGIN\n DELETE FROM b;\n", SQLITE));
        assertEquals("unterminated trigger body starting at line 3", e.getMessage());
    }

    @Test
    void splitTriggerScriptRunsOnSqlite() throws Exception {
        String script = """
            CREATE TABLE score (id INTEGER PRIMARY KEY, points INT, grade TEXT);
            CREATE TABLE audit (note TEXT);
            CREATE TRIGGER grade AFTER INSERT ON score
            BEGIN
              UPDATE score SET grade = CASE WHEN new.points > 90 THEN 'A' ELSE 'B' END WHERE id = new.id;
              INSERT INTO audit VALUES ('graded; ' || new.id);
            END;
            INSERT INTO score (points) VALUES (95);
            """;
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite::memory:");
             Statement statement = connection.createStatement()) {
            for (SqlStatement each : Splitter.split(script, SQLITE)) {
                statement.execute(each.sql());
            }
            try (ResultSet rows = statement.executeQuery("SELECT grade, (SELECT note FROM audit) FROM score")) {
                rows.next();
                assertEquals("A", rows.getString(1));
                assertEquals("graded; 1", rows.getString(2));
            }
        }
    }

    // --- PostgreSQL dollar quotes -------------------------------------------------------------

    @Test
    void dollarQuotedFunctionBodyIsOneStatement() {
        String function = """
            CREATE FUNCTION touch() RETURNS trigger AS $$
            BEGIN
              NEW.note := 'it''s; fine';
              RETURN NEW;
            END;
            $$ LANGUAGE plpgsql""";
        assertEquals(List.of(at(1, function), at(7, "SELECT 1")), Splitter.split(function + ";\nSELECT 1;", POSTGRES));
    }

    @Test
    void taggedDollarQuoteHoldsOtherDollarQuotesAndQuotes() {
        String block = "DO $body$ BEGIN EXECUTE $q$SELECT ';'$q$; RAISE NOTICE 'it''s $$ here;'; END $body$";
        assertEquals(List.of(block, "SELECT 2"), sqlOf(block + "; SELECT 2", POSTGRES));
    }

    @Test
    void positionalParameterIsNotADollarQuote() {
        assertEquals(List.of("SELECT $1", "SELECT a$b$ FROM t", "SELECT 3"),
            sqlOf("SELECT $1; SELECT a$b$ FROM t; SELECT 3", POSTGRES));
    }

    @Test
    void dollarSignsAreOrdinaryUnderSqlite() {
        assertEquals(List.of("SELECT $$", "$$"), sqlOf("SELECT $$; $$", SQLITE));
    }

    // --- statements and lines -----------------------------------------------------------------

    @Test
    void emptyStatementsAreDropped() {
        assertEquals(List.of(at(1, "SELECT 1"), at(3, "SELECT 2")), Splitter.split(";;SELECT 1;;\n ;\n\tSELECT 2 ;;", SQLITE));
    }

    @Test
    void trailingStatementWithoutSemicolonCounts() {
        assertEquals(List.of("SELECT 1", "SELECT 2"), sqlOf("SELECT 1;\nSELECT 2\n\n", SQLITE));
    }

    @Test
    void emptyAndBlankScriptsHaveNoStatements() {
        assertEquals(List.of(), Splitter.split("", SQLITE));
        assertEquals(List.of(), Splitter.split(" \n\t-- only a comment\n/* and ; this */", POSTGRES));
    }

    @Test
    void statementIsRightTrimmedAndKeepsInnerWhitespace() {
        assertEquals(List.of("SELECT\n  1,\n  2"), sqlOf("  SELECT\n  1,\n  2  \n\t ;", SQLITE));
    }

    @Test
    void lineNumberSkipsLeadingComments() {
        String script = """
            -- header comment; with a semicolon
            /* a block
               over two lines */

            SELECT 1; /* same line */ SELECT 2;
            -- between
            SELECT
              3;
            """;
        assertEquals(List.of(at(5, "SELECT 1"), at(5, "SELECT 2"), at(7, "SELECT\n  3")), Splitter.split(script, SQLITE));
    }

    @Test
    void crlfCountsOneLine() {
        assertEquals(List.of(at(1, "SELECT 1"), at(3, "SELECT 'a\r\nb'"), at(6, "SELECT 3")),
            Splitter.split("SELECT 1;\r\n\r\nSELECT 'a\r\nb';\r\n-- x\r\nSELECT 3", SQLITE));
    }

    @Test
    void loneCarriageReturnCountsOneLine() {
        assertEquals(List.of(at(1, "SELECT 1"), at(3, "SELECT 2"), at(5, "SELECT 3")),
            Splitter.split("SELECT 1;\r-- c\rSELECT 2;\n\rSELECT 3", SQLITE));
    }

    @Test
    void leadingByteOrderMarkIsNotPartOfTheFirstStatement() {
        assertEquals(List.of(at(1, "SELECT 1")), Splitter.split("\uFEFFSELECT 1;", SQLITE));
    }

    @Test
    void nonAsciiTextIsKept() {
        assertEquals(List.of("INSERT INTO café VALUES ('naïve; ☕')", "SELECT 2"),
            sqlOf("INSERT INTO café VALUES ('naïve; ☕'); SELECT 2", SQLITE));
    }

    // --- unterminated input -------------------------------------------------------------------

    @Test
    void unterminatedStringNamesItsLine() {
        assertUnterminated("string literal starting at line 3", "SELECT 1;\n\nSELECT 'oops;\nSELECT 2;", SQLITE);
    }

    @Test
    void unterminatedIdentifiersNameTheirLine() {
        assertUnterminated("quoted identifier starting at line 2", "SELECT 1;\nSELECT \"a", SQLITE);
        assertUnterminated("quoted identifier starting at line 1", "SELECT [a;", SQLITE);
        assertUnterminated("quoted identifier starting at line 1", "SELECT `a;", SQLITE);
    }

    @Test
    void unterminatedBlockCommentNamesItsLine() {
        assertUnterminated("block comment starting at line 2", "SELECT 1;\r\n/* never closed;\r\nSELECT 2;", SQLITE);
        assertUnterminated("block comment starting at line 1", "/* /* */ SELECT 1;", POSTGRES);
    }

    @Test
    void unterminatedDollarQuoteNamesItsLine() {
        assertUnterminated("dollar-quoted string starting at line 2", "SELECT 1;\nDO $a$ BEGIN END $b$;", POSTGRES);
    }

    @Test
    void unterminatedEscapeStringNamesItsLine() {
        assertUnterminated("string literal starting at line 1", "SELECT E'ends in a backslash\\';", POSTGRES);
    }

    private static void assertUnterminated(String expected, String script, SplitRules rules) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Splitter.split(script, rules));
        assertEquals("unterminated " + expected, e.getMessage());
    }

    // --- directives ---------------------------------------------------------------------------

    @Test
    void directivesAreFoundInLineCommentsAnywhere() {
        String script = """
            -- sluice:allow-destructive
            DROP TABLE old;
            CREATE INDEX CONCURRENTLY i ON t (a); --SLUICE:No-Transaction  because CONCURRENTLY
            -- sluice:allow-destructive again
            """;
        assertEquals(List.of("allow-destructive", "no-transaction"), Splitter.directives(script, POSTGRES));
    }

    @Test
    void directiveLookalikesAreIgnored() {
        String script = """
            SELECT '-- sluice:in-a-string';
            /* -- sluice:in-a-block-comment */
            DO $$ BEGIN -- sluice:in-a-function
            END $$;
            -- see sluice:not-at-the-start
            """;
        assertEquals(List.of(), Splitter.directives(script, POSTGRES));
    }

    @Test
    void directiveWithoutANameIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Splitter.directives("SELECT 1;\n-- sluice:\n", SQLITE));
        assertEquals("sluice directive without a name at line 2", e.getMessage());
    }
}
