package io.sluice.migrations.run;

import io.sluice.migrations.JavaMigration;
import io.sluice.migrations.dialect.GateSession;
import io.sluice.migrations.error.Problem;
import io.sluice.migrations.error.SluiceException;
import io.sluice.migrations.history.HistoryTable;
import io.sluice.migrations.model.AppliedMigration;
import io.sluice.migrations.model.ResolvedMigration;
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
        void migrated(PlannedMigration migration, Duration duration, boolean success);
    }

    private final GateSession session;
    private final HistoryTable history;
    private final String installedBy;
    private final Path backup;
    private final List<String> appliedStatements = new ArrayList<>();
    private boolean javaMigrationRan;

    public Migrator(GateSession session, HistoryTable history, String installedBy, Path backup) {
        this.session = session;
        this.history = history;
        this.installedBy = installedBy;
        this.backup = backup;
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
            try {
                apply(planned, start);
            } catch (SQLException | RuntimeException e) {
                listener.migrated(planned, Duration.ofNanos(System.nanoTime() - start), false);
                throw e;
            }
            listener.migrated(planned, Duration.ofNanos(System.nanoTime() - start), true);
        }
    }

    /** The SQL statements applied so far, in order. */
    List<String> appliedStatements() {
        return appliedStatements;
    }

    boolean javaMigrationRan() {
        return javaMigrationRan;
    }

    private void apply(PlannedMigration planned, long start) throws SQLException {
        ResolvedMigration migration = planned.migration();
        session.beginMigration(planned.isTransactional());
        PlannedStatement current = null;
        try {
            if (migration.text() == null) {
                javaMigrationRan = true;
                runJava(migration.script(), session.connection());
            } else {
                try (Statement statement = session.connection().createStatement()) {
                    for (PlannedStatement sql : planned.plannedStatements()) {
                        if (sql.action() == PlannedStatement.Action.APPLY) {
                            current = sql;
                            statement.execute(sql.sql());
                            appliedStatements.add(sql.sql());
                        }
                    }
                }
            }
            record(migration, start, true, planned.isAdopted());
            session.commitMigration();
        } catch (Exception e) {
            throw failed(planned, current, start, e);
        }
    }

    private SluiceException failed(PlannedMigration planned, PlannedStatement statement, long start, Exception cause) {
        ResolvedMigration migration = planned.migration();
        String where = statement == null ? "" : " at line " + statement.line();
        boolean blocked = cause instanceof SQLException && session.isLockTimeout((SQLException) cause);
        String undone;
        try {
            undone = session.rollbackMigration();
            if (!blocked) {
                history.createIfAbsent(); // a restored backup may predate the history table
                record(migration, start, false, false);
            }
            session.finish();
        } catch (SQLException secondary) {
            cause.addSuppressed(secondary);
            undone = "undoing it failed too (" + describe(secondary) + ")";
        }
        if (blocked) {
            return new SluiceException(Problem.LOCK_TIMEOUT, "Migration " + migration.source() + " waited" + where
                    + " longer than sluice.lockTimeout for another session's lock: " + describe(cause) + "; " + undone
                    + "; the next connect tries again", cause);
        }
        return new SluiceException(Problem.MIGRATION_FAILED, "Migration " + migration.source() + " failed" + where
                + ": " + describe(cause) + "; " + undone + (backup == null ? "" : "; backup " + backup)
                + "; fix the migration and restart", cause);
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getName() : message.replace('\n', ' ').trim();
    }

    private void record(ResolvedMigration migration, long start, boolean success, boolean adopted) throws SQLException {
        long millis = (System.nanoTime() - start) / 1_000_000;
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
