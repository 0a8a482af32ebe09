package io.sluice.migrations.dialect.postgres;

import io.sluice.migrations.sql.DdlTarget;
import io.sluice.migrations.sql.SplitRules;
import io.sluice.migrations.sql.SqlStatement;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The verify step on PostgreSQL: the objects the applied statements create or alter must be in
 * the catalog. Row counts prove nothing here, because other instances keep writing during a
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
    List<String> missing(List<SqlStatement> applied) throws SQLException {
        List<String> missing = new ArrayList<>();
        for (DdlTarget target : expected(applied)) {
            if (!exists(target)) {
                missing.add(target.toString());
            }
        }
        return missing;
    }

    /** Objects created and not dropped again later in the same run. */
    private static List<DdlTarget> expected(List<SqlStatement> applied) {
        List<DdlTarget> expected = new ArrayList<>();
        for (SqlStatement statement : applied) {
            for (DdlTarget target : DdlTarget.of(statement.sql(), SplitRules.POSTGRES)) {
                expected.removeIf(earlier -> earlier.sameObject(target) || (target.isDropped()
                        && target.kind() == DdlTarget.Kind.TABLE && Objects.equals(earlier.table(), target.name())));
                if (!target.isDropped()) {
                    expected.add(target);
                }
            }
        }
        return expected;
    }

    private boolean exists(DdlTarget target) throws SQLException {
        String schema = target.schema() != null ? target.schema() : currentSchema;
        switch (target.kind()) {
            case COLUMN:
                return found("SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass(?) AND attname = ? "
                        + "AND NOT attisdropped", qualified(schema, target.table()), target.name());
            case TRIGGER:
                return found("SELECT 1 FROM pg_trigger WHERE tgname = ?", target.name());
            default:
                return found("SELECT 1 WHERE to_regclass(?) IS NOT NULL", qualified(schema, target.name()));
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
