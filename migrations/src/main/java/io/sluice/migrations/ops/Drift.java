package io.sluice.migrations.ops;

import io.sluice.migrations.config.Setting;
import io.sluice.migrations.config.Settings;
import io.sluice.migrations.dialect.Dialect;
import io.sluice.migrations.dialect.GateSession;
import io.sluice.migrations.model.AppliedMigration;
import io.sluice.migrations.model.MigrationType;
import io.sluice.migrations.model.ResolvedMigration;
import io.sluice.migrations.model.Version;
import io.sluice.migrations.plan.CatalogSnapshot;
import io.sluice.migrations.plan.IndexShape;
import io.sluice.migrations.plan.PlannedStatement;
import io.sluice.migrations.plan.Planner;
import io.sluice.migrations.plan.TableShape;
import io.sluice.migrations.resolve.Resolver;
import io.sluice.migrations.run.Inspector;
import io.sluice.migrations.sql.Placeholders;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code drift}: builds the schema the migrations up to the live version should give, in a
 * scratch place, and compares it with the live one: tables, columns (type, NOT NULL, primary
 * key), indexes and views. Java migrations are data migrations and are not replayed.
 */
public final class Drift {
    /** One difference: the object, what the migrations give, what the database has. */
    public static final class Difference {
        public final String object;
        public final String expected;
        public final String actual;

        Difference(String object, String expected, String actual) {
            this.object = object;
            this.expected = expected;
            this.actual = actual;
        }

        @Override
        public String toString() {
            return object + ": expected " + expected + ", found " + actual;
        }
    }

    private final Operator operator;

    public Drift(Operator operator) {
        this.operator = operator;
    }

    public List<Difference> differences() throws SQLException {
        return operator.read(session -> {
            CatalogSnapshot live = session.readCatalog();
            CatalogSnapshot expected = session.scratchCatalog(expectedStatements(session));
            return compare(expected, live, operator.database().dialect(), operator.database().settings());
        });
    }

    private List<String> expectedStatements(GateSession session) throws SQLException {
        List<AppliedMigration> history = operator.history(session);
        Version current = Planner.currentVersion(history);
        Placeholders placeholders = new Inspector(operator.database().dialect(), operator.database().settings(),
                operator.database().name()).placeholders(session);
        Planner planner = new Planner(operator.database().dialect().splitRules());
        List<String> statements = new ArrayList<>();
        for (ResolvedMigration migration : Resolver.forCurrentThread().resolve(
                operator.database().settings().list(Setting.LOCATIONS), operator.database().settings().isSet(Setting.LOCATIONS))) {
            boolean upToLive = migration.type() == MigrationType.SQL && current != null && migration.version().compareTo(current) <= 0;
            if (upToLive || migration.type() == MigrationType.REPEATABLE) {
                Placeholders forScript = placeholders.forScript(migration.script());
                for (PlannedStatement statement : planner.forUndo(migration).plannedStatements()) {
                    statements.add(forScript.replace(statement.sql()));
                }
            }
        }
        return statements;
    }

    /** Tables, columns, indexes and views that differ; Sluice's own tables (and their indexes) are left out. */
    static List<Difference> compare(CatalogSnapshot expected, CatalogSnapshot live, Dialect dialect, Settings settings) {
        Set<String> ownTables = new HashSet<>();
        for (String table : dialect.ownTables(settings)) {
            ownTables.add(table.toLowerCase(Locale.ROOT));
        }
        List<Difference> differences = new ArrayList<>();
        String history = settings.text(Setting.TABLE).toLowerCase(Locale.ROOT);
        for (String table : expected.tableNames()) {
            TableShape actual = live.table(table);
            if (actual == null) {
                differences.add(new Difference("table " + table, "present", "missing"));
            } else {
                compareColumns(table, expected.table(table), actual, differences);
            }
        }
        for (String table : live.tableNames()) {
            String name = table.toLowerCase(Locale.ROOT);
            if (expected.table(table) == null && !ownTables.contains(name)) {
                differences.add(new Difference("table " + table, "absent", "present"));
            }
        }
        for (String index : expected.indexNames()) {
            IndexShape actual = live.index(index);
            String difference = actual == null ? "missing" : actual.difference(expected.index(index));
            if (difference != null) {
                differences.add(new Difference("index " + index, expected.index(index).toString(),
                        actual == null ? "missing" : actual.toString()));
            }
        }
        for (String index : live.indexNames()) {
            if (expected.index(index) == null && !index.toLowerCase(Locale.ROOT).startsWith(history)) {
                differences.add(new Difference("index " + index, "absent", live.index(index).toString()));
            }
        }
        for (String view : expected.viewNames()) {
            if (!live.hasView(view)) {
                differences.add(new Difference("view " + view, "present", "missing"));
            }
        }
        for (String view : live.viewNames()) {
            if (!expected.hasView(view)) {
                differences.add(new Difference("view " + view, "absent", "present"));
            }
        }
        return differences;
    }

    private static void compareColumns(String table, TableShape expected, TableShape actual, List<Difference> differences) {
        for (String column : expected.columnNames()) {
            TableShape.Column found = actual.column(column);
            TableShape.Column wanted = expected.column(column);
            if (found == null) {
                differences.add(new Difference("column " + table + "." + column, wanted.toString(), "missing"));
            } else if (!found.toString().equalsIgnoreCase(wanted.toString())) {
                differences.add(new Difference("column " + table + "." + column, wanted.toString(), found.toString()));
            }
        }
        for (String column : actual.columnNames()) {
            if (expected.column(column) == null) {
                differences.add(new Difference("column " + table + "." + column, "absent", actual.column(column).toString()));
            }
        }
    }
}
