package io.sluice.migrations.ops;

import io.sluice.migrations.dialect.GateSession;
import io.sluice.migrations.dialect.HeldLock;
import io.sluice.migrations.plan.PlannedMigration;
import io.sluice.migrations.plan.PlannedStatement;
import io.sluice.migrations.run.GateReport;
import io.sluice.migrations.run.StatementObserver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects {@code rehearse}'s per-statement figures as the migrator runs on the copy. A lock is
 * counted for the statement after which it first shows in the transaction, and held from that
 * statement's start until the migration commits or fails.
 */
final class RehearsalRecorder implements StatementObserver {
    private final Map<String, List<Rehearsal.Statement>> statements = new LinkedHashMap<>();
    private List<Rehearsal.Statement> current;
    private final List<Rehearsal.Lock> open = new ArrayList<>();
    private Set<HeldLock> seen = new HashSet<>();

    @Override
    public void started(PlannedMigration migration, GateSession session) {
        current = new ArrayList<>();
        statements.put(migration.migration().script(), current);
        open.clear();
        seen = new HashSet<>(session.heldLocks());
    }

    @Override
    public void ran(PlannedMigration migration, PlannedStatement statement, long nanos, long rows, GateSession session) {
        long now = System.nanoTime();
        List<Rehearsal.Lock> taken = new ArrayList<>();
        for (HeldLock lock : session.heldLocks()) {
            if (seen.add(lock)) {
                taken.add(new Rehearsal.Lock(lock.relation(), lock.mode(), now - nanos));
            }
        }
        open.addAll(taken);
        current.add(new Rehearsal.Statement(statement == null ? 0 : statement.line(), "apply",
                statement == null ? null : statement.object(), Duration.ofNanos(nanos), rows, taken, null));
    }

    @Override
    public void skipped(PlannedMigration migration, PlannedStatement statement, String reason) {
        current.add(new Rehearsal.Statement(statement.line(), "skip", statement.object(), null, -1,
                new ArrayList<Rehearsal.Lock>(), reason));
    }

    @Override
    public void committed(PlannedMigration migration) {
        release();
    }

    @Override
    public void failed(PlannedMigration migration, PlannedStatement statement, Exception failure) {
        if (current == null) {
            return;
        }
        if (statement != null) {
            current.add(new Rehearsal.Statement(statement.line(), "failed", statement.object(), null, -1,
                    new ArrayList<Rehearsal.Lock>(), (failure.getCause() != null ? failure.getCause() : failure).getMessage()));
        }
        release();
    }

    private void release() {
        long now = System.nanoTime();
        for (Rehearsal.Lock lock : open) {
            lock.held = Duration.ofNanos(now - lock.acquiredNanos);
        }
        open.clear();
    }

    /** Each migration the gate tried, with its time and outcome from the gate's own report. */
    List<Rehearsal.Migration> migrations(GateReport gate) {
        List<Rehearsal.Migration> migrations = new ArrayList<>();
        if (gate == null) {
            return migrations;
        }
        for (GateReport.MigrationRun run : gate.migrations()) {
            List<Rehearsal.Statement> ran = statements.get(run.script());
            migrations.add(new Rehearsal.Migration(run.script(), run.version() == null ? null : run.version().toString(),
                    run.duration(), run.kept() ? "applied" : run.success() ? "undone" : "failed",
                    ran == null ? new ArrayList<Rehearsal.Statement>() : ran));
        }
        return migrations;
    }
}
