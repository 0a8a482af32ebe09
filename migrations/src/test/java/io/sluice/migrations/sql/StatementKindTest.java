package io.sluice.migrations.sql;

import io.sluice.migrations.sql.StatementKind.Kind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatementKindTest {
    private static String kinds(String sql, SplitRules rules) {
        return StatementKind.classify(sql, rules).stream().map(StatementKind::toString).collect(Collectors.joining(", "));
    }

    private static String pg(String sql) {
        return kinds(sql, SplitRules.POSTGRES);
    }

    private static StatementKind only(String sql) {
        List<StatementKind> kinds = StatementKind.classify(sql, SplitRules.POSTGRES);
        assertEquals(1, kinds.size(), kinds.toString());
        return kinds.get(0);
    }

    @Test
    void createTableInAllItsSpellings() {
        assertEquals("create table loans", pg("CREATE TABLE loans (id int)"));
        assertEquals("create table shop.loans", pg("create table if not exists shop.loans (id int)"));
        assertEquals("create table Loans", pg("CREATE UNLOGGED TABLE \"Loans\" (id int)"));
        assertEquals("create table loans", pg("/* note */ CREATE TEMP TABLE -- why\n LOANS (id int)"));
        assertEquals("(id int, amount numeric(10,2))", only("CREATE TABLE IF NOT EXISTS loans (id int, amount numeric(10,2))").definition());
        assertTrue(only("CREATE TABLE IF NOT EXISTS loans (id int)").isGuarded());
        assertTrue(only("CREATE OR REPLACE VIEW v AS SELECT 1").isGuarded(), "OR REPLACE guards it too");
        assertFalse(only("CREATE TABLE loans (id int)").isGuarded());
    }

    @Test
    void createIndexNamesItsTableColumnsAndUniqueness() {
        StatementKind index = only("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS loans_user ON ONLY shop.loans USING btree (user_id, \"Created\" DESC, lower(email))");
        assertEquals(Kind.CREATE_INDEX, index.kind());
        assertEquals("loans_user", index.name());
        assertEquals("loans", index.table());
        assertEquals("shop", index.schema());
        assertEquals(List.of("user_id", "Created", "(expression)"), index.indexColumns());
        assertTrue(index.isUnique() && index.isConcurrently() && index.isGuarded());
        assertEquals("other", pg("CREATE INDEX ON loans (user_id)"));
    }

    @Test
    void alterTableActions() {
        assertEquals("add column payments.split_id", pg("ALTER TABLE payments ADD COLUMN split_id INTEGER"));
        assertEquals("split_id INTEGER NOT NULL DEFAULT 0", only("alter table payments add split_id INTEGER NOT NULL DEFAULT 0").definition());
        assertEquals("drop column payments.legacy", pg("ALTER TABLE payments DROP COLUMN IF EXISTS legacy"));
        assertEquals("rename column users.full_name", pg("ALTER TABLE users RENAME COLUMN name TO full_name"));
        assertEquals("rename table customers", pg("ALTER TABLE users RENAME TO customers"));
        assertEquals("alter column type users.age", pg("ALTER TABLE users ALTER COLUMN age TYPE bigint"));
        assertEquals("set not null users.email", pg("ALTER TABLE users ALTER email SET NOT NULL"));
        assertEquals("add constraint users", pg("ALTER TABLE users ADD CONSTRAINT users_fk FOREIGN KEY (org) REFERENCES orgs (id)"));
        assertEquals("add column t.a, add column t.b", pg("ALTER TABLE t ADD COLUMN a int DEFAULT f(1, 2), ADD COLUMN b text"));
    }

    @Test
    void foreignKeysAndNotValid() {
        StatementKind fk = only("ALTER TABLE users ADD CONSTRAINT users_fk FOREIGN KEY (org) REFERENCES orgs (id) NOT VALID");
        assertTrue(fk.addsForeignKey() && fk.isNotValid());
        assertFalse(only("ALTER TABLE users ADD CONSTRAINT c CHECK (age > 0)").addsForeignKey());
    }

    @Test
    void dropsListEveryName() {
        assertEquals("drop table a, drop table s.b", pg("DROP TABLE IF EXISTS a, s.b CASCADE"));
        assertEquals("drop view v", pg("DROP VIEW v"));
        assertEquals("drop schema shop", pg("DROP SCHEMA shop CASCADE"));
        assertEquals("drop trigger t1", pg("DROP TRIGGER t1 ON loans"));
    }

    @Test
    void viewsAndTriggers() {
        assertEquals("create view active_loans", pg("CREATE OR REPLACE VIEW active_loans AS SELECT 1"));
        assertEquals("create view totals", pg("CREATE MATERIALIZED VIEW totals AS SELECT 1"));
        StatementKind trigger = StatementKind.classify("CREATE TRIGGER t1 AFTER UPDATE OF a, b ON loans BEGIN SELECT 1; END",
                SplitRules.SQLITE).get(0);
        assertEquals("t1", trigger.name());
        assertEquals("loans", trigger.table());
    }

    @Test
    void destructiveStatementsAreThoseOfTheContract() {
        for (String sql : List.of("DROP TABLE a", "ALTER TABLE a DROP COLUMN b", "DROP SCHEMA s", "DROP DATABASE d",
                "TRUNCATE a", "TRUNCATE TABLE a", "DELETE FROM a", "UPDATE a SET b = 1", "ALTER TABLE a ALTER COLUMN b TYPE text",
                "UPDATE a SET b = (SELECT c FROM d WHERE d.id = 1)")) {
            assertTrue(StatementKind.classify(sql, SplitRules.POSTGRES).stream().anyMatch(StatementKind::isDestructive), sql);
        }
        for (String sql : List.of("DELETE FROM a WHERE id = 1", "UPDATE a SET b = 1 WHERE id = 2", "DROP INDEX i",
                "DROP VIEW v", "CREATE TABLE a (id int)", "INSERT INTO a VALUES (1)", "SELECT 'DROP TABLE a'",
                "-- DROP TABLE a\nSELECT 1")) {
            assertFalse(StatementKind.classify(sql, SplitRules.POSTGRES).stream().anyMatch(StatementKind::isDestructive), sql);
        }
    }

    @Test
    void dataStatementsChangeNoObject() {
        assertEquals("other", kinds("INSERT INTO loans VALUES (1)", SplitRules.SQLITE));
        assertEquals("other", pg("CREATE FUNCTION f() RETURNS int AS $$ DROP TABLE x $$ LANGUAGE sql"));
    }
}
