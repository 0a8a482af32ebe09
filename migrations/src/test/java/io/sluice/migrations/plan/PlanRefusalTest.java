package io.sluice.migrations.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.sluice.migrations.error.Problem;
import io.sluice.migrations.error.SluiceException;
import io.sluice.migrations.model.AppliedMigration;
import io.sluice.migrations.model.MigrationType;
import io.sluice.migrations.model.ResolvedMigration;
import io.sluice.migrations.model.Version;
import io.sluice.migrations.sql.SqlStatement;
import io.sluice.migrations.sql.StatementKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gate's refusal rules after inspect, as a function of a plan built by hand: no database. */
class PlanRefusalTest {
    private static final String FOLDER = "filesystem:/srv/app/sql/";

    private final List<PlannedMigration> pending = new ArrayList<>();
    private final List<Version> future = new ArrayList<>();

    private void migration(String version, List<PlannedStatement> statements, Finding... findings) {
        String script = "V" + version + "__step.sql";
        ResolvedMigration migration = ResolvedMigration.script(MigrationType.SQL, Version.parse(version), "step", script,
            FOLDER + script, "sha256:00", "");
        pending.add(new PlannedMigration(migration, Collections.<SqlStatement>emptyList(), Collections.<String>emptyList())
            .planned(statements, List.of(findings), false));
    }

    private static PlannedStatement statement(int line, Decision decision) {
        return new PlannedStatement("CREATE TABLE loans (id INTEGER)", line, decision, Collections.<StatementKind>emptyList());
    }

    private static Finding error(int line, String rule, String message) {
        return new Finding(line, Finding.Severity.ERROR, rule, message);
    }

    private Plan plan() {
        return new Plan(Version.parse("1"), pending, future, Collections.<String>emptyList(),
            Collections.<AppliedMigration>emptyList(), 1, Collections.<HistoryFinding>emptyList());
    }

    @Test
    void aPlanWithoutConflictsOrErrorsIsNotRefused() {
        migration("2", List.of(statement(1, Decision.apply(null)), statement(2, Decision.skip("table loans already exists"))),
            new Finding(1, Finding.Severity.WARNING, "set-not-null", "takes a lock"));

        assertNull(plan().refusal(true));
    }

    @Test
    void futureVersionsAreRefusedOnlyWhenOnFutureIsFail() {
        future.add(Version.parse("7"));

        SluiceException refusal = plan().refusal(true);

        assertEquals(Problem.FUTURE_VERSION, refusal.problem());
        assertEquals("the database has versions [7] that this code does not know; deploy the newer code, or set "
            + "sluice.onFuture=warn to start anyway", refusal.getMessage());
        assertNull(plan().refusal(false));
        assertEquals("the database has versions [7] that this code does not know", plan().futureVersions());
    }

    @Test
    void theFirstConflictIsRefusedNamingFileAndLine() {
        migration("2", List.of(statement(1, Decision.apply(null))));
        migration("3", List.of(statement(4, Decision.conflict("table loans exists with other columns")),
            statement(9, Decision.conflict("a later one"))));

        SluiceException refusal = plan().refusal(false);

        assertEquals(Problem.CONFLICT, refusal.problem());
        assertEquals("Conflict in " + FOLDER + "V3__step.sql line 4: table loans exists with other columns; nothing "
            + "was applied; make the database match or change the migration", refusal.getMessage());
    }

    @Test
    void aFutureVersionComesBeforeAConflict() {
        future.add(Version.parse("7"));
        migration("2", List.of(statement(1, Decision.conflict("differs"))));

        assertEquals(Problem.FUTURE_VERSION, plan().refusal(true).problem());
        assertEquals(Problem.CONFLICT, plan().refusal(false).problem());
    }

    @Test
    void aConflictComesBeforeALintError() {
        migration("2", List.of(statement(1, Decision.apply(null))), error(1, "destructive", "DROP TABLE loans"));
        migration("3", List.of(statement(2, Decision.conflict("differs"))));

        assertEquals(Problem.CONFLICT, plan().refusal(false).problem());
    }

    @Test
    void anUnapprovedDestructiveStatementIsItsOwnProblem() {
        migration("2", List.of(statement(3, Decision.apply(null))), error(3, "destructive", "DROP TABLE loans"));

        SluiceException refusal = plan().refusal(false);

        assertEquals(Problem.UNAPPROVED_DESTRUCTIVE, refusal.problem());
        assertEquals("Refused " + FOLDER + "V2__step.sql line 3: DROP TABLE loans; nothing was applied",
            refusal.getMessage());
    }

    @Test
    void anyOtherLintErrorIsAnInvalidMigration() {
        migration("2", List.of(statement(1, Decision.apply(null))));
        migration("3", List.of(statement(5, Decision.apply(null))), error(5, "bare-commit", "COMMIT would end the "
            + "migration's transaction"), error(6, "destructive", "DROP TABLE loans"));

        SluiceException refusal = plan().refusal(false);

        assertEquals(Problem.INVALID_MIGRATION, refusal.problem());
        assertEquals("Refused " + FOLDER + "V3__step.sql line 5: COMMIT would end the migration's transaction; nothing "
            + "was applied", refusal.getMessage());
    }
}
