package io.sluice.migrations.sql;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DdlTargetTest {
    private static String target(String sql) {
        List<DdlTarget> targets = DdlTarget.of(sql, SplitRules.POSTGRES);
        return targets.isEmpty() ? "none" : String.join(", ", targets.stream()
                .map(t -> (t.isDropped() ? "-" : "+") + t).toList());
    }

    @Test
    void createTableInAllItsSpellings() {
        assertEquals("+table loans", target("CREATE TABLE loans (id int)"));
        assertEquals("+table shop.loans", target("create table if not exists shop.loans (id int)"));
        assertEquals("+table Loans", target("CREATE UNLOGGED TABLE \"Loans\" (id int)"));
        assertEquals("+table loans", target("/* note */ CREATE TEMP TABLE -- why\n LOANS (id int)"));
    }

    @Test
    void createIndexNamesItsTable() {
        DdlTarget index = DdlTarget.of("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS loans_user ON ONLY shop.loans (user_id)",
                SplitRules.POSTGRES).get(0);
        assertEquals(DdlTarget.Kind.INDEX, index.kind());
        assertEquals("loans_user", index.name());
        assertEquals("loans", index.table());
        assertEquals("shop", index.schema());
        assertEquals("none", target("CREATE INDEX ON loans (user_id)"));
    }

    @Test
    void alterTableColumns() {
        assertEquals("+column payments.split_id", target("ALTER TABLE payments ADD COLUMN split_id INTEGER"));
        assertEquals("+column payments.split_id", target("alter table if exists only payments add split_id int"));
        assertEquals("-column payments.legacy", target("ALTER TABLE payments DROP COLUMN IF EXISTS legacy"));
        assertEquals("+column users.full_name", target("ALTER TABLE users RENAME COLUMN name TO full_name"));
        assertEquals("none", target("ALTER TABLE users ADD CONSTRAINT users_pk PRIMARY KEY (id)"));
    }

    @Test
    void dropListsEveryName() {
        assertEquals("-table a, -table s.b", target("DROP TABLE IF EXISTS a, s.b CASCADE"));
        assertEquals("-view v", target("DROP VIEW v"));
    }

    @Test
    void viewsAndTriggers() {
        assertEquals("+view active_loans", target("CREATE OR REPLACE VIEW active_loans AS SELECT 1"));
        assertEquals("+view totals", target("CREATE MATERIALIZED VIEW totals AS SELECT 1"));
        assertEquals("+trigger t1", target("CREATE TRIGGER t1 AFTER INSERT ON loans BEGIN SELECT 1; END"));
    }

    @Test
    void dataStatementsTargetNothing() {
        assertTrue(DdlTarget.of("INSERT INTO loans VALUES (1)", SplitRules.SQLITE).isEmpty());
        assertTrue(DdlTarget.of("UPDATE loans SET amount = 1", SplitRules.SQLITE).isEmpty());
        assertTrue(DdlTarget.of("CREATE FUNCTION f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql", SplitRules.POSTGRES).isEmpty());
    }
}
