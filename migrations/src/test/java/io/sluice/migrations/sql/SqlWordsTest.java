package io.sluice.migrations.sql;

import static io.sluice.migrations.sql.SplitRules.POSTGRES;
import static io.sluice.migrations.sql.SplitRules.SQLITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SqlWordsTest {
    private static List<String> identifiers(String sql, SplitRules rules) {
        return List.copyOf(SqlWords.identifiers(sql, rules));
    }

    @Test
    void bareWordsAreLowerCasedInOrderWithoutDuplicates() {
        assertEquals(List.of("insert", "into", "loan", "id", "values"),
            identifiers("INSERT INTO Loan (ID) VALUES (1); insert into LOAN (id) values (2)", SQLITE));
    }

    @Test
    void quotedIdentifiersAreUnquotedAndLowerCased() {
        assertEquals(List.of("select", "my\"table", "a`b", "c d", "from", "t"),
            identifiers("SELECT \"My\"\"Table\", `A``b`, [C D] FROM t", SQLITE));
    }

    @Test
    void stringsAndCommentsAreIgnored() {
        assertEquals(List.of("select", "from", "t"),
            identifiers("SELECT 'secret', x'3b' /* hidden */ FROM t -- gone\n", SQLITE));
    }

    @Test
    void qualifiedNamesGiveEachPart() {
        assertEquals(List.of("drop", "table", "main", "old_loans"), identifiers("DROP TABLE main.\"old_loans\"", SQLITE));
    }

    @Test
    void numbersAndParametersAreNotIdentifiers() {
        assertEquals(List.of("select", "from", "t", "where", "a", "and"),
            identifiers("SELECT 1, 2.5, 1e10, 0x1F FROM t WHERE a = $1 AND a = ?", POSTGRES));
    }

    @Test
    void dollarQuotedBodyIsIgnoredUnderPostgres() {
        assertEquals(List.of("create", "function", "f", "returns", "void", "as", "language", "plpgsql"),
            identifiers("CREATE FUNCTION f() RETURNS void AS $$ DELETE FROM loans $$ LANGUAGE plpgsql", POSTGRES));
    }

    @Test
    void escapeStringIsNotAnIdentifierUnderPostgres() {
        assertEquals(List.of("select"), identifiers("SELECT E'it\\'s'", POSTGRES));
    }

    @Test
    void bracketsAreNotIdentifiersUnderPostgres() {
        assertEquals(List.of("select", "tags", "from", "t"), identifiers("SELECT tags[1] FROM t", POSTGRES));
    }

    @Test
    void nonAsciiWordsAreIdentifiers() {
        assertEquals(Set.of("select", "prénom", "from", "élève"), SqlWords.identifiers("SELECT prénom FROM Élève", SQLITE));
    }

    @Test
    void unterminatedStringIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> SqlWords.identifiers("SELECT 'open", SQLITE));
        assertEquals("unterminated string literal starting at line 1", e.getMessage());
    }
}
