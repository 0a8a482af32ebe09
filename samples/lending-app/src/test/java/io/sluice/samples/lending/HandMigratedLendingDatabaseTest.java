package io.sluice.samples.lending;

import io.sluice.Sluice;
import io.sluice.migrations.plan.Plan;
import io.sluice.migrations.plan.PlannedStatement;
import io.sluice.migrations.run.GateReport;
import io.sluice.testing.SqliteDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lending database of an instance that an operator migrated partly by hand: after V1, two of
 * the six cashback tables and one of the two payment columns were created from the migration
 * guide. The gate creates the rest, and says what it skipped.
 */
class HandMigratedLendingDatabaseTest {
    @TempDir
    Path dir;

    @Test
    void theGateCreatesWhatIsMissingAndSkipsWhatWasDoneByHand() throws Exception {
        String url = "jdbc:sluice:sqlite:" + dir.resolve("lending.db");
        Properties upToV1 = new Properties();
        upToV1.setProperty("sluice.target", "1");
        Sluice.migrate(url, upToV1);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("lending.db"));
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE cashback_program (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, "
                    + "active INTEGER NOT NULL DEFAULT 1)");
            statement.execute("CREATE TABLE cashback_account (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL UNIQUE "
                    + "REFERENCES users (id), balance_cents INTEGER NOT NULL DEFAULT 0)");
            statement.execute("ALTER TABLE payments ADD COLUMN loan_split_id INTEGER REFERENCES loan_split (id)");
        }

        Plan plan = Sluice.plan(url, new Properties());

        assertEquals(List.of("skip cashback_program: table cashback_program exists with the same columns",
                "apply cashback_tier", "apply cashback_rule",
                "skip cashback_account: table cashback_account exists with the same columns",
                "apply cashback_transaction", "apply cashback_payout", "apply cashback_transaction_account"), ddl(plan, 0));
        assertEquals(List.of("apply loan_split",
                "skip payments.loan_split_id: column payments.loan_split_id exists with the same shape",
                "apply payments.split_amount_cents", "apply payments_split_amount"), ddl(plan, 1));

        GateReport report = Sluice.migrate(url, new Properties());

        assertEquals(List.of("V2__cashback.sql", "V3__loan_split.sql"), report.applied());
        String lending = "jdbc:sqlite:" + dir.resolve("lending.db");
        assertEquals(6, SqliteDigest.longValue(lending, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name LIKE 'cashback%'"));
        assertEquals(3, SqliteDigest.longValue(lending, "SELECT COUNT(*) FROM cashback_account"));
        String after = SqliteDigest.of(lending, SqliteDigest.tables(lending));

        assertTrue(Sluice.migrate(url, new Properties()).applied().isEmpty(), "the second run applied something");
        assertEquals(after, SqliteDigest.of(lending, SqliteDigest.tables(lending)), "the second run changed the database");
    }

    /** The DDL statements of one pending migration, as "action object: reason". */
    private static List<String> ddl(Plan plan, int migration) {
        return plan.pending().get(migration).plannedStatements().stream().filter(s -> s.object() != null)
                .map(s -> s.action().label() + " " + s.object()
                        + (s.action() == PlannedStatement.Action.SKIP ? ": " + s.reason() : ""))
                .collect(Collectors.toList());
    }
}
