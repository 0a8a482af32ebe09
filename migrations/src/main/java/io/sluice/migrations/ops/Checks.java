package io.sluice.migrations.ops;

import io.sluice.migrations.error.SluiceException;
import io.sluice.migrations.plan.CatalogSnapshot;
import io.sluice.migrations.plan.Finding;
import io.sluice.migrations.plan.HistoryFinding;
import io.sluice.migrations.plan.Plan;
import io.sluice.migrations.plan.PlannedMigration;
import io.sluice.migrations.plan.PlannedStatement;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code validate} and {@code verify}: what the gate would refuse, and the database's own health. Read-only. */
public final class Checks {
    private final Operator operator;

    public Checks(Operator operator) {
        this.operator = operator;
    }

    /** One problem of a script: a lint finding, a conflict, a changed checksum. */
    public static final class ScriptFinding {
        public final String script;
        public final Finding finding;

        ScriptFinding(String script, Finding finding) {
            this.script = script;
            this.finding = finding;
        }
    }

    /**
     * The history against the files (changed or unchecked checksums, unreadable or foreign rows,
     * versions out of order), then conflicts and lint of every pending migration; errors are what
     * makes the gate refuse.
     */
    public List<ScriptFinding> validate() throws SQLException {
        Plan plan;
        try {
            plan = operator.review();
        } catch (SluiceException refused) {
            return Collections.singletonList(new ScriptFinding(null,
                    new Finding(0, Finding.Severity.ERROR, refused.problem().name().toLowerCase(Locale.ROOT)
                            .replace('_', '-'), refused.getMessage())));
        }
        List<ScriptFinding> findings = new ArrayList<>();
        for (HistoryFinding finding : plan.historyFindings()) {
            findings.add(new ScriptFinding(finding.script(), finding.asFinding()));
        }
        for (PlannedMigration migration : plan.pending()) {
            String script = migration.migration().script();
            for (PlannedStatement statement : migration.plannedStatements()) {
                if (statement.action() == PlannedStatement.Action.CONFLICT) {
                    findings.add(new ScriptFinding(script, new Finding(statement.line(), Finding.Severity.ERROR, "conflict",
                            statement.reason())));
                }
            }
            for (Finding finding : migration.findings()) {
                findings.add(new ScriptFinding(script, finding));
            }
        }
        return findings;
    }

    /** What {@link #verify} found: problems (empty when healthy) and the row count of every table. */
    public static final class Health {
        public final List<String> problems;
        public final Map<String, Long> rowCounts;

        Health(List<String> problems, Map<String, Long> rowCounts) {
            this.problems = problems;
            this.rowCounts = rowCounts;
        }
    }

    /** The verify step's checks on the database as it is (SQLite: integrity and foreign keys), plus row counts. */
    public Health verify() throws SQLException {
        return operator.read(session -> {
            List<String> problems = new ArrayList<>();
            try {
                session.verify(Collections.<String>emptyList(), false);
            } catch (SluiceException failed) {
                problems.add(failed.getMessage());
            }
            Map<String, Long> counts = new LinkedHashMap<>();
            CatalogSnapshot catalog = session.readCatalog();
            try (Statement statement = session.connection().createStatement()) {
                for (String table : catalog.tableNames()) {
                    try (ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + quote(table))) {
                        rs.next();
                        counts.put(table, rs.getLong(1));
                    }
                }
            }
            return new Health(problems, counts);
        });
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
