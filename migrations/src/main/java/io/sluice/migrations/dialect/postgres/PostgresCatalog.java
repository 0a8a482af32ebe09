package io.sluice.migrations.dialect.postgres;

import io.sluice.migrations.sql.Reach;
import io.sluice.migrations.sql.SqlTokens;
import io.sluice.migrations.sql.StatementKind;
import io.sluice.migrations.sql.SplitRules;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The verify step on PostgreSQL, run for each migration right after its own statements, inside
 * its transaction: the objects they create or alter must be in the catalog. Row counts prove nothing here, because other instances keep writing during a
 * rolling deploy.
 */
final class PostgresCatalog {
    private final Connection connection;
    private final String currentSchema;

    PostgresCatalog(Connection connection, String currentSchema) {
        this.connection = connection;
        this.currentSchema = currentSchema;
    }

    /** What the statements should have left in the catalog but did not, as "table shop.loans". */
    List<String> missing(List<String> applied) throws SQLException {
        List<String> missing = new ArrayList<>();
        for (Expected object : expected(applied)) {
            if (!exists(object)) {
                missing.add(object.toString());
            }
        }
        return missing;
    }

    /** A relation (table, view, index), trigger or column that must exist. */
    private static final class Expected {
        final String type;
        final String schema;
        final String table;
        final String name;

        Expected(String type, String schema, String table, String name) {
            this.type = type;
            this.schema = schema;
            this.table = table;
            this.name = name;
        }

        boolean isColumn(String ofTable, String column) {
            return type.equals("column") && ofTable.equals(table) && name.equals(column);
        }

        boolean within(String relation) {
            return name.equals(relation) || relation.equals(table);
        }

        @Override
        public String toString() {
            return type + " " + (schema == null ? "" : schema + ".") + (type.equals("column") ? table + "." : "") + name;
        }
    }

    /**
     * Objects the statements create, minus those a later statement of the same migration drops,
     * renames or may have changed: an implicit drop (a column's indexes), a rename by a
     * constraint's USING INDEX, or a statement Sluice does not model (a DO block may do anything).
     */
    private static List<Expected> expected(List<String> applied) {
        List<Expected> expected = new ArrayList<>();
        for (String statement : applied) {
            List<StatementKind> kinds = StatementKind.classify(statement, SplitRules.POSTGRES);
            Reach reach = Reach.of(statement, kinds, SplitRules.POSTGRES);
            if (reach == Reach.ANYTHING) {
                expected.clear();
                continue;
            }
            if (reach == Reach.NAMES) {
                Set<String> names = SqlTokens.identifiers(statement, SplitRules.POSTGRES);
                expected.removeIf(e -> names.contains(e.name.toLowerCase(Locale.ROOT))
                        || e.table != null && names.contains(e.table.toLowerCase(Locale.ROOT)));
                continue;
            }
            for (StatementKind kind : kinds) {
                expect(expected, kind);
            }
        }
        return expected;
    }

    private static void expect(List<Expected> expected, StatementKind kind) {
        String schema = kind.schema();
        switch (kind.kind()) {
            case CREATE_TABLE:
            case CREATE_VIEW:
            case CREATE_INDEX:
                expected.add(new Expected("relation", schema, kind.table(), kind.name()));
                break;
            case CREATE_TRIGGER:
                expected.add(new Expected("trigger", schema, kind.table(), kind.name()));
                break;
            case ADD_COLUMN:
                expected.add(new Expected("column", schema, kind.table(), kind.name()));
                break;
            case RENAME_COLUMN:
                expected.removeIf(e -> e.isColumn(kind.table(), kind.name()));
                expected.add(new Expected("column", schema, kind.table(), kind.newName()));
                break;
            case RENAME_TABLE:
                expected.removeIf(e -> e.within(kind.name()));
                expected.add(new Expected("relation", schema, kind.newName(), kind.newName()));
                break;
            case DROP_COLUMN:
                // dropping a column drops the indexes that use it
                expected.removeIf(e -> kind.table().equals(e.table) && !e.type.equals("column") || e.isColumn(kind.table(), kind.name()));
                break;
            case DROP_TABLE:
            case DROP_VIEW:
            case DROP_INDEX:
            case DROP_TRIGGER:
                expected.removeIf(e -> e.within(kind.name()));
                break;
            default:
                break;
        }
    }

    private boolean exists(Expected object) throws SQLException {
        String schema = object.schema != null ? object.schema : currentSchema;
        switch (object.type) {
            case "column":
                return found("SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass(?) AND attname = ? "
                        + "AND NOT attisdropped", qualified(schema, object.table), object.name);
            case "trigger":
                return found("SELECT 1 FROM pg_trigger WHERE tgname = ?", object.name);
            default:
                return found("SELECT 1 WHERE to_regclass(?) IS NOT NULL", qualified(schema, object.name));
        }
    }

    private boolean found(String sql, String... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }

    static String qualified(String schema, String name) {
        return quote(schema) + "." + quote(name);
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
