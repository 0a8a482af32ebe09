package io.sluice.migrations.run;

import io.sluice.migrations.dialect.SessionBackup;
import io.sluice.migrations.error.Problem;
import io.sluice.migrations.error.SluiceException;
import io.sluice.migrations.history.HistoryTable;
import io.sluice.migrations.model.AppliedMigration;
import io.sluice.migrations.plan.Plan;
import io.sluice.migrations.plan.PlannedMigration;
import io.sluice.migrations.plan.PlannedStatement;
import io.sluice.migrations.sql.StatementKind;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.SQLException;

import static java.lang.System.Logger.Level.WARNING;

/**
 * What the gate does with a no-transaction script an earlier run left half done (its "started"
 * mark without a finished row): never run it blindly again (SPEC §3). A script made only of
 * concurrent index builds can be checked, so its mark goes and it runs again, each INVALID index
 * dropped and built anew. On a database whose run is undone by its backup (SQLite), the backup the
 * mark names is restored. Otherwise the gate refuses, naming the script and what to check.
 */
final class InterruptedScripts {
    private final SessionBackup session;
    private final HistoryTable history;
    private final GateLog log;

    InterruptedScripts(SessionBackup session, HistoryTable history, GateLog log) {
        this.session = session;
        this.history = history;
        this.log = log;
    }

    /** Makes the database safe to inspect again, or refuses. */
    void recover(Plan plan) throws SQLException {
        for (AppliedMigration mark : plan.interrupted()) {
            PlannedMigration script = plan.pending(mark.script());
            if (script != null && buildsOnlyIndexes(script)) {
                history.delete(mark.installedRank());
                log.log(WARNING, mark.script() + " was interrupted in an earlier run; it only builds indexes "
                        + "concurrently, so it runs again and rebuilds any INVALID index it left");
                continue;
            }
            Path backup = mark.backup() == null ? null : Paths.get(mark.backup());
            if (session.restoresInterruptedScripts() && backup != null && Files.isRegularFile(backup)) {
                session.restore(backup);
                log.log(WARNING, mark.script() + " ran outside a transaction and was interrupted in an earlier run; "
                        + "restored the backup " + backup + " taken before that run, which then runs again");
                return; // the restored database predates every later mark too
            }
            throw new SluiceException(Problem.MIGRATION_FAILED, "Migration " + mark.script() + " ran outside a "
                    + "transaction and was interrupted (started " + mark.installedOn() + " by " + mark.installedBy()
                    + "): some of its statements may have run and must not run twice; check the database against "
                    + "the script, then restore " + (backup == null ? "a backup" : "the backup " + backup)
                    + " with the command-line tool's restore, or run its repair to clear the mark and let the script "
                    + "run again from its first statement");
        }
    }

    private static boolean buildsOnlyIndexes(PlannedMigration script) {
        if (script.plannedStatements().isEmpty() || script.isTransactional()) {
            return false;
        }
        for (PlannedStatement statement : script.plannedStatements()) {
            for (StatementKind effect : statement.effects()) {
                boolean index = effect.kind() == StatementKind.Kind.CREATE_INDEX && effect.isConcurrently()
                        || effect.kind() == StatementKind.Kind.DROP_INDEX && effect.isGuarded();
                if (!index) {
                    return false;
                }
            }
        }
        return true;
    }
}
