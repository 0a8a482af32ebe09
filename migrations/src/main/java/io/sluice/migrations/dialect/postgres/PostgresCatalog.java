package io.sluice.migrations.dialect.postgres;

import io.sluice.migrations.sql.Reach;
import io.sluice.migrations.sql.SqlWords;
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

    /**
     * What the statements should have left in the catalog but did not, as "table shop.loans": one
     * query for all of them, so a migration's check costs one round trip.
     */
    List<String> missing(List<String> applied) throws SQLException {
        List<Expected> expected = expected(applied);
        List<String> missing = new ArrayList<>();
        if (expected.isEmpty()) {
            return missing;
        }
        StringBuilder sql = new StringBuilder("SELECT ");
        List<String> parameters = new ArrayList<>();
        for (Expected object : expected) {
            sql.append(sql.length() > 7 ? ", " : "").append(condition(object, parameters));
        }
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setString(i + 1, parameters.get(i));
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                for (int i = 0; i < expected.size(); i++) {
                    if (!rs.getBoolean(i + 1)) {
                        missing.add(expected.get(i).toString());
                    }
                }
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
                Set<String> names = SqlWords.identifiers(statement, SplitRules.POSTGRES);
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

    /** A boolean SQL expression that is true when the object exists; its parameters are appended. */
    private String condition(Expected object, List<String> parameters) {
        String schema = object.schema != null ? object.schema : currentSchema;
        switch (object.type) {
            case "column":
                parameters.add(qualified(schema, object.table));
                parameters.add(object.name);
                return "EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass(?) AND attname = ? AND NOT attisdropped)";
            case "trigger":
                parameters.add(object.name);
                return "EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = ?)";
            default:
                parameters.add(qualified(schema, object.name));
                return "to_regclass(?) IS NOT NULL";
        }
    }

    static String qualified(String schema, String name) {
        return quote(schema) + "." + quote(name);
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
