package io.sluice.migrations.ops;

import io.sluice.migrations.backup.BackupFiles;
import io.sluice.migrations.config.Backup;
import io.sluice.migrations.config.Setting;
import io.sluice.migrations.connect.GatedDatabase;
import io.sluice.migrations.dialect.BackupProgress;
import io.sluice.migrations.dialect.GateSession;
import io.sluice.migrations.error.Problem;
import io.sluice.migrations.error.SluiceException;
import io.sluice.migrations.history.HistoryTable;
import io.sluice.migrations.model.AppliedMigration;
import io.sluice.migrations.model.Version;
import io.sluice.migrations.plan.HistoryFinding;
import io.sluice.migrations.plan.Plan;
import io.sluice.migrations.plan.PlannedMigration;
import io.sluice.migrations.plan.Planner;
import io.sluice.migrations.run.GateReport;
import io.sluice.migrations.run.GateRun;
import io.sluice.migrations.run.Inspector;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The operator's commands over the engine the gate uses: nothing here is a second implementation
 * of a gate step. Reading commands take no lock and write nothing; changing ones take the
 * migration lock and a fresh backup first.
 */
public final class Operator {
    private final GatedDatabase database;

    public Operator(GatedDatabase database) {
        this.database = database;
    }

    public GatedDatabase database() {
        return database;
    }

    @FunctionalInterface
    interface SessionWork<T> {
        T run(GateSession session) throws SQLException;
    }

    <T> T read(SessionWork<T> work) throws SQLException {
        try (GateSession session = database.openExistingSession()) {
            return work.run(session);
        }
    }

    /** Runs under the migration lock, as the gate does; whatever the work leaves open is committed. */
    <T> T locked(SessionWork<T> work) throws SQLException {
        try (GateSession session = database.openSession()) {
            session.lock();
            T result = work.run(session);
            session.finish();
            return result;
        }
    }

    /** {@code status}: where the database stands, and what in its history the gate would refuse or warn about. */
    public static final class Status {
        public final Version current;
        public final List<String> pending;
        public final Path lastBackup;
        public final List<HistoryFinding> problems;

        Status(Version current, List<String> pending, Path lastBackup, List<HistoryFinding> problems) {
            this.current = current;
            this.pending = pending;
            this.lastBackup = lastBackup;
            this.problems = problems;
        }
    }

    public Status status() throws SQLException {
        return read(session -> {
            Plan plan = review(session);
            List<String> pending = new ArrayList<>();
            for (PlannedMigration migration : plan.pending()) {
                Version version = migration.migration().version();
                pending.add(version != null ? version.toString() : migration.migration().script());
            }
            List<Path> backups = list(session.backupFiles());
            return new Status(plan.current(), pending, backups.isEmpty() ? null : backups.get(backups.size() - 1),
                    plan.historyFindings());
        });
    }

    /** The plan of pending migrations, as the gate would compute it now. */
    public Plan plan() throws SQLException {
        return read(this::inspect);
    }

    /** The plan with the history's problems reported in it, not thrown: for {@code validate} and {@code status}. */
    public Plan review() throws SQLException {
        return read(this::review);
    }

    Plan inspect(GateSession session) throws SQLException {
        return inspector().inspect(session);
    }

    private Plan review(GateSession session) throws SQLException {
        return inspector().review(session);
    }

    private Inspector inspector() throws SQLException {
        return new Inspector(database.dialect(), database.settings(), database.name());
    }

    /** What the gate does, now. */
    public GateReport migrate(GateRun.Progress progress, BackupProgress backupProgress) throws SQLException {
        return database.newRun().progress(progress).backupProgress(backupProgress).run();
    }

    public List<AppliedMigration> history() throws SQLException {
        return read(this::history);
    }

    List<AppliedMigration> history(GateSession session) throws SQLException {
        return historyTable(session).read();
    }

    HistoryTable historyTable(GateSession session) throws SQLException {
        return HistoryTable.of(session, database.dialect(), database.settings().text(Setting.TABLE));
    }

    /** This database's backups, oldest first. */
    public List<Path> backups() throws SQLException {
        return read(session -> list(session.backupFiles()));
    }

    static List<Path> list(BackupFiles files) throws SQLException {
        try {
            return files == null ? Collections.<Path>emptyList() : files.list();
        } catch (IOException e) {
            throw new SQLException("cannot list backups in " + files.directory() + ": " + e.getMessage(), e);
        }
    }

    /** A verified backup named {@code manual-v<current>}. */
    public Path backup(BackupProgress progress) throws SQLException {
        return locked(session -> takeBackup(session, "manual", progress));
    }

    /** Takes a backup named for {@code reason} and the current version; refuses when backups are off. */
    Path takeBackup(GateSession session, String reason, BackupProgress progress) throws SQLException {
        Version current = Planner.currentVersion(history(session));
        return required(session.backup(reason + "-v" + (current == null ? "0" : current), progress));
    }

    private static Path required(Path backup) throws SluiceException {
        if (backup == null) {
            throw new SluiceException(Problem.BACKUP_FAILED, "This database takes no backups ("
                    + Setting.BACKUP.assigned(Backup.NONE) + " or an "
                    + "in-memory database); nothing was changed");
        }
        return backup;
    }

    /**
     * Replaces the database with a backup, after checking that the file is a whole, undamaged
     * backup of this database (or of another, with {@code otherDatabase}) and keeping what is there
     * in a fresh {@code pre-restore} backup, a plain copy when the database is too damaged for a
     * verified one. The file is checked before the lock is taken: reading a large backup does not
     * hold the application's writers back.
     *
     * @return the fresh backup of what was there before
     */
    public Path restore(Path backup, boolean otherDatabase) throws SQLException {
        try (GateSession session = database.openSession()) {
            session.checkRestorable(backup, otherDatabase);
            session.lock();
            Path before = required(session.preserve("pre-restore-v" + versionName(session)));
            session.restore(backup);
            session.finish();
            return before;
        }
    }

    /** The current version for a backup's name; {@code unknown} when a damaged database's history cannot be read. */
    private String versionName(GateSession session) {
        try {
            Version current = Planner.currentVersion(history(session));
            return current == null ? "0" : current.toString();
        } catch (SQLException | RuntimeException e) {
            return "unknown";
        }
    }
}
