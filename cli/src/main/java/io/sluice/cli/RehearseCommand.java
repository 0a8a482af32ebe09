package io.sluice.cli;

import io.sluice.migrations.ops.Drift;
import io.sluice.migrations.ops.Operator;
import io.sluice.migrations.ops.Rehearsal;
import io.sluice.migrations.run.GateReport;
import io.sluice.migrations.run.GateStep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

@Command(name = "rehearse", description = "Runs the real gate on a throw-away copy: per statement time, rows, locks; "
        + "the schema before and after; drops the copy. The database itself is only read.")
final class RehearseCommand extends DatabaseCommand {
    @Option(names = "--target-url", description = "PostgreSQL: make the scratch database on this server (a database "
            + "there to connect to, e.g. jdbc:postgresql://staging/postgres) instead of the database's own")
    String targetUrl;

    @Override
    Result run(Operator operator) throws Exception {
        Rehearsal.Report report = new Rehearsal(operator.database(), targetUrl).run();
        Result result = new Result().put("database", report.database).put("productionOnlyRead", true);
        Map<String, Object> copy = new LinkedHashMap<>();
        copy.put("location", report.copyLocation);
        copy.put("method", report.copyMethod);
        copy.put("ms", millis(report.copyTime));
        copy.put("dropped", report.copyGone);
        result.put("copy", copy);
        GateReport gate = report.gate;
        result.put("from", gate == null || gate.versionBefore() == null ? null : gate.versionBefore().toString());
        result.put("to", gate == null || gate.versionAfter() == null ? null : gate.versionAfter().toString());
        result.put("steps", steps(gate));

        result.line("rehearsed on a copy: " + report.copyLocation + " (" + report.copyMethod + ", "
                + format(report.copyTime) + " ms)");
        result.line("the production database was only read, to make the copy; the gate's backup of the copy went to a "
                + "temporary folder, not to the backup folder");
        result.line("gate on the copy: " + (gate == null ? "did not start" : gate.toString().replaceFirst("; backup .*$", "")));

        List<Map<String, Object>> migrations = new ArrayList<>();
        TextTable byMigration = new TextTable("script", "version", "outcome", "ms");
        TextTable byStatement = new TextTable("script", "line", "action", "ms", "rows", "locks (held ms)", "object", "reason");
        for (Rehearsal.Migration migration : report.migrations) {
            byMigration.row(migration.script, migration.version, migration.outcome, format(migration.duration));
            List<Map<String, Object>> statements = new ArrayList<>();
            for (Rehearsal.Statement statement : migration.statements) {
                statements.add(json(statement));
                byStatement.row(migration.script, statement.line == 0 ? "" : statement.line, statement.action,
                        statement.duration == null ? "" : format(statement.duration), statement.rows < 0 ? "" : statement.rows,
                        locks(statement), statement.object, statement.reason);
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("version", migration.version);
            json.put("script", migration.script);
            json.put("outcome", migration.outcome);
            json.put("ms", millis(migration.duration));
            json.put("statements", statements);
            migrations.add(json);
        }
        result.put("migrations", migrations);
        if (!byMigration.isEmpty()) {
            result.line("").line(byMigration).line("").line(byStatement);
            if (report.dialect.equals("sqlite")) {
                result.line("(SQLite takes no per-statement locks: the gate holds one write lock on the whole file from lock to verify)");
            }
        }

        List<Map<String, Object>> changes = new ArrayList<>();
        TextTable schema = new TextTable("object", "before", "after");
        for (Drift.Difference change : report.schemaChanges) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("object", change.object);
            json.put("before", change.expected);
            json.put("after", change.actual);
            changes.add(json);
            schema.row(change.object, change.expected, change.actual);
        }
        result.put("schemaChanges", changes);
        result.line("").line(schema.isEmpty() ? "schema unchanged on the copy" : "schema of the copy, before and after:\n" + schema);

        result.put("error", report.failure);
        if (report.refusal != null) {
            result.line("").line("the gate would refuse: " + report.failure).exit(ExitCode.FAILURE);
        }
        result.line(report.copyGone ? "the copy was dropped" : "the copy could NOT be dropped: " + report.copyLocation);
        if (!report.copyGone) {
            result.exit(ExitCode.FAILURE);
        }
        return result;
    }

    private static Map<String, Object> steps(GateReport gate) {
        Map<String, Object> steps = new LinkedHashMap<>();
        if (gate != null) {
            for (Map.Entry<GateStep, GateReport.Step> step : gate.steps().entrySet()) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("outcome", step.getValue().outcome().tag());
                json.put("ms", millis(step.getValue().duration()));
                steps.put(step.getKey().tag(), json);
            }
        }
        return steps;
    }

    private static Map<String, Object> json(Rehearsal.Statement statement) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("line", statement.line == 0 ? null : statement.line);
        json.put("action", statement.action);
        json.put("object", statement.object);
        json.put("ms", statement.duration == null ? null : millis(statement.duration));
        json.put("rows", statement.rows < 0 ? null : statement.rows);
        List<Map<String, Object>> locks = new ArrayList<>();
        for (Rehearsal.Lock lock : statement.locks) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("relation", lock.relation);
            entry.put("mode", lock.mode);
            entry.put("heldMs", lock.held() == null ? null : millis(lock.held()));
            locks.add(entry);
        }
        json.put("locks", locks);
        json.put("reason", statement.reason);
        return json;
    }

    private static String locks(Rehearsal.Statement statement) {
        List<String> locks = new ArrayList<>();
        for (Rehearsal.Lock lock : statement.locks) {
            locks.add(lock.relation + " " + lock.mode + (lock.held() == null ? "" : " (" + format(lock.held()) + ")"));
        }
        return String.join(", ", locks);
    }

    /** Milliseconds with microseconds, for JSON: a fast statement is not 0. */
    private static double millis(Duration duration) {
        return Math.round(duration.toNanos() / 1_000.0) / 1_000.0;
    }

    private static String format(Duration duration) {
        return String.format(Locale.ROOT, "%.1f", duration.toNanos() / 1_000_000.0);
    }
}
