package io.sluice.migrations.run;

import io.sluice.migrations.JavaMigration;
import io.sluice.migrations.config.Setting;
import io.sluice.migrations.dialect.GateSession;
import io.sluice.migrations.error.Problem;
import io.sluice.migrations.error.SluiceException;
import io.sluice.migrations.history.HistoryTable;
import io.sluice.migrations.model.AppliedMigration;
import io.sluice.migrations.model.MigrationType;
import io.sluice.migrations.model.ResolvedMigration;
import io.sluice.migrations.plan.Decider;
import io.sluice.migrations.plan.Decision;
import io.sluice.migrations.plan.PlannedMigration;
import io.sluice.migrations.plan.PlannedStatement;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Applies planned migrations one by one, each with its history row in one unit of work. */
public final class Migrator {
    /** Told of every migration as it commits or fails. */
    public interface Listener {
        /** @param skipped the statements skipped on live evidence, as "line 4: table loans already exists" */
        void migrated(PlannedMigration migration, Duration duration, boolean success, List<String> skipped);
    }

    private final GateSession session;
    private final HistoryTable history;
    private final String installedBy;
    private final Path backup;
    private final List<String> appliedStatements = new ArrayList<>();
    private boolean javaMigrationRan;
    private Decider live;
    private StatementObserver observer = StatementObserver.NONE;
    /** The {@code installed_rank} of the running no-transaction script's "started" mark, or 0. */
    private int startedMark;

    public Migrator(GateSession session, HistoryTable history, String installedBy, Path backup) {
        this.session = session;
        this.history = history;
        this.installedBy = installedBy;
        this.backup = backup;
    }

    /** Tells {@code observer} of every statement run or skipped ({@code rehearse}); none by default. */
    public Migrator observer(StatementObserver observer) {
        this.observer = observer;
        return this;
    }

    /**
     * @throws SluiceException {@code MIGRATION_FAILED} naming the file, the line, the database's error and the
     *                         backup; {@code LOCK_TIMEOUT} when a statement waited too long for another session
     */
    public void applyAll(List<PlannedMigration> pending, List<AppliedMigration> imported, Listener listener) throws SQLException {
        history.createIfAbsent();
        for (AppliedMigration row : imported) {
            history.insert(row.version(), row.description(), row.type(), row.script(), row.checksum(), row.installedBy(),
                    row.executionTimeMs(), true, true, null);
        }
        for (PlannedMigration planned : pending) {
            long start = System.nanoTime();
            List<String> skipped = new ArrayList<>();
            try {
                apply(planned, start, skipped);
            } catch (SQLException | RuntimeException e) {
                listener.migrated(planned, Duration.ofNanos(System.nanoTime() - start), false, skipped);
                throw e;
            }
            listener.migrated(planned, Duration.ofNanos(System.nanoTime() - start), true, skipped);
        }
    }

    /** The SQL statements applied so far, in order. */
    List<String> appliedStatements() {
        return appliedStatements;
    }

    boolean javaMigrationRan() {
        return javaMigrationRan;
    }

    private void apply(PlannedMigration planned, long start, List<String> skipped) throws SQLException {
        ResolvedMigration migration = planned.migration();
        session.beginMigration(planned.isTransactional());
        PlannedStatement current = null;
        try {
            if (migration.version() != null && migration.type() != MigrationType.UNDO && history.isApplied(migration.version())) {
                throw new SluiceException(Problem.LOCK_LOST, "another instance applied " + migration.script()
                        + " while this one held a lock it had lost");
            }
            boolean adopted = false;
            startedMark = planned.isTransactional() || migration.text() == null ? 0
                    : history.insertStarted(migration.version(), migration.description(), migration.type(), migration.script(),
                    migration.checksum(), installedBy, backup == null ? null : backup.toString());
            observer.started(planned, session);
            if (migration.text() == null) {
                javaMigrationRan = true;
                long javaStart = System.nanoTime();
                runJava(migration.script(), session.connection());
                observer.ran(planned, null, System.nanoTime() - javaStart, -1, session);
            } else {
                List<String> ran = new ArrayList<>();
                try (Statement statement = session.connection().createStatement()) {
                    for (PlannedStatement sql : planned.plannedStatements()) {
                        current = sql;
                        if (run(statement, planned, sql, skipped)) {
                            ran.add(sql.sql());
                        }
                    }
                }
                current = null;
                session.verifyMigration(ran);
                appliedStatements.addAll(ran);
                adopted = ran.isEmpty() && !skipped.isEmpty();
            }
            record(migration, start, true, adopted);
            session.commitMigration();
        } catch (Exception e) {
            SluiceException failure = failed(planned, current, start, e);
            observer.failed(planned, current, failure);
            throw failure;
        }
        observer.committed(planned);
    }

    /**
     * Runs one statement, or skips it when the live catalog, now, shows its effect already in place.
     *
     * @return whether it ran
     */
    private boolean run(Statement statement, PlannedMigration planned, PlannedStatement sql, List<String> skipped)
            throws SQLException {
        if (sql.isLive()) {
            Decision decision = liveDecider().decide(sql.effects());
            if (decision.action() == PlannedStatement.Action.SKIP) {
                skipped.add("line " + sql.line() + ": " + decision.reason());
                observer.skipped(planned, sql, decision.reason());
                return false;
            }
            if (decision.action() == PlannedStatement.Action.CONFLICT) {
                throw new SluiceException(Problem.CONFLICT, decision.reason());
            }
            if (decision.dropFirst() != null) {
                statement.execute(decision.dropFirst());
            }
        }
        long start = System.nanoTime();
        boolean resultSet = statement.execute(sql.sql());
        observer.ran(planned, sql, System.nanoTime() - start, resultSet ? -1 : statement.getUpdateCount(), session);
        return true;
    }

    private Decider liveDecider() {
        if (live == null) {
            live = new Decider(session.liveCatalog(), session::probeTable, session.schema());
        }
        return live;
    }

    private SluiceException failed(PlannedMigration planned, PlannedStatement statement, long start, Exception cause) {
        ResolvedMigration migration = planned.migration();
        String where = statement == null ? "" : " at line " + statement.line();
        Problem transientProblem = transientProblem(cause);
        String undone;
        try {
            undone = session.rollbackMigration();
            if (transientProblem == null) {
                history.createIfAbsent(); // a restored backup may predate the history table
                record(migration, start, false, false);
            }
            session.finish();
        } catch (SQLException secondary) {
            cause.addSuppressed(secondary);
            undone = transientProblem == Problem.UNREACHABLE ? "the server rolled back what was not committed"
                    : "undoing it failed too (" + describe(secondary) + ")";
        }
        if (transientProblem == Problem.LOCK_TIMEOUT) {
            return new SluiceException(Problem.LOCK_TIMEOUT, "Migration " + migration.source() + " waited" + where
                    + " longer than " + Setting.LOCK_TIMEOUT.property() + " for another session's lock: " + describe(cause) + "; " + undone
                    + "; the next connect tries again", cause);
        }
        if (transientProblem != null) {
            return new SluiceException(transientProblem, "Migration " + migration.source() + " was interrupted" + where
                    + ": " + describe(cause) + "; " + undone + "; the next connect tries again", cause);
        }
        if (cause instanceof SluiceException && ((SluiceException) cause).problem() == Problem.CONFLICT) {
            return new SluiceException(Problem.CONFLICT, "Conflict in " + migration.source() + where + ": "
                    + cause.getMessage() + "; " + undone + "; make the database match or change the migration", cause);
        }
        return new SluiceException(Problem.MIGRATION_FAILED, "Migration " + migration.source() + " failed" + where
                + ": " + describe(cause) + "; " + undone + (backup == null ? "" : "; backup " + backup)
                + "; fix the migration and restart", cause);
    }

    /**
     * The failures the next connect should simply retry: a statement that waited too long for
     * another session's lock, a lost migration lock, a lost connection (a restarted server, a killed
     * backend). Null for a failure of the migration itself.
     */
    private Problem transientProblem(Exception cause) {
        if (cause instanceof SluiceException) {
            Problem problem = ((SluiceException) cause).problem();
            return problem.isTransient() ? problem : null;
        }
        if (!(cause instanceof SQLException)) {
            return null;
        }
        SQLException failure = (SQLException) cause;
        if (session.isLockTimeout(failure)) {
            return Problem.LOCK_TIMEOUT;
        }
        return session.isConnectionLost(failure) ? Problem.UNREACHABLE : null;
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getName() : message.replace('\n', ' ').trim();
    }

    private void record(ResolvedMigration migration, long start, boolean success, boolean adopted) throws SQLException {
        long millis = (System.nanoTime() - start) / 1_000_000;
        int mark = startedMark;
        startedMark = 0;
        if (mark != 0 && history.finishStarted(mark, millis, success, adopted)) {
            return;
        }
        history.insert(migration.version(), migration.description(), migration.type(), migration.script(),
                migration.checksum(), installedBy, millis, success, adopted, backup == null ? null : backup.toString());
    }

    private static void runJava(String className, Connection connection) throws Exception {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Class<?> type = Class.forName(className, true, loader != null ? loader : Migrator.class.getClassLoader());
        JavaMigration migration = (JavaMigration) type.getDeclaredConstructor().newInstance();
        migration.migrate(connection);
    }
}
