package io.sluice.migrations.run;

import io.sluice.migrations.config.Setting;
import io.sluice.migrations.config.Settings;
import io.sluice.migrations.dialect.Dialect;
import io.sluice.migrations.dialect.GateSession;
import io.sluice.migrations.error.Problem;
import io.sluice.migrations.error.SluiceException;
import io.sluice.migrations.history.HistoryTable;
import io.sluice.migrations.model.AppliedMigration;
import io.sluice.migrations.model.MigrationType;
import io.sluice.migrations.model.ResolvedMigration;
import io.sluice.migrations.plan.Plan;
import io.sluice.migrations.plan.PlannedMigration;
import io.sluice.migrations.plan.Planner;
import io.sluice.migrations.plan.StatementPlanner;
import io.sluice.migrations.resolve.Checksums;
import io.sluice.migrations.resolve.Fingerprints;
import io.sluice.migrations.resolve.Resolver;
import io.sluice.migrations.sql.Placeholders;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

/**
 * The inspect step, shared by the gate and {@code Sluice.plan}: reads the history (never creates
 * it), resolves the locations, compares checksums, and plans every pending statement against the
 * live catalog. Writes nothing.
 */
public final class Inspector {
    private final Dialect dialect;
    private final Settings settings;
    private final String database;
    private Path fingerprintDirectory;
    private Future<ListedScripts> listedAhead;

    public Inspector(Dialect dialect, Settings settings, String database) {
        this.dialect = dialect;
        this.settings = settings;
        this.database = database;
    }

    /**
     * The gate's inspect: a start whose scripts kept their fingerprints since an earlier start takes
     * their checksums from the fingerprints kept in {@code directory}, beside the backups
     * ({@link Fingerprints}), when that shows the database up to date; anything else is decided
     * from a full read of every script. A null directory keeps none.
     */
    public Inspector withFingerprints(Path directory) {
        this.fingerprintDirectory = directory;
        return this;
    }

    /** As {@link #withFingerprints}, with the scripts already being listed on a thread of their own. */
    Inspector withFingerprints(Path directory, Future<ListedScripts> ahead) {
        this.listedAhead = ahead;
        return withFingerprints(directory);
    }

    /**
     * @throws SluiceException {@code CHECKSUM_MISMATCH}, {@code INVALID_HISTORY}, {@code OUT_OF_ORDER},
     *                         {@code INVALID_MIGRATION} (a script that cannot be read, an unknown placeholder)
     *                         or {@code INVALID_SETTING} (a missing location, a table that is not a history table)
     */
    public Plan inspect(GateSession session) throws SQLException {
        return inspect(session, true);
    }

    /**
     * As {@link #inspect}, but what the gate would refuse in the history is reported in
     * {@link Plan#historyFindings()} instead of thrown: {@code validate} and {@code status} show every row.
     */
    public Plan review(GateSession session) throws SQLException {
        return inspect(session, false);
    }

    /**
     * The gate's read before it locks (SPEC §4 step 3): the plan when it shows the database up to
     * date (nothing to run or recover, every checksum matching), else null, having planned no
     * statement and logged nothing, so the locked inspect that follows says everything once.
     */
    public Plan upToDate(GateSession session) throws SQLException {
        return inspect(session, true, true);
    }

    private Plan inspect(GateSession session, boolean refuse) throws SQLException {
        return inspect(session, refuse, false);
    }

    private Plan inspect(GateSession session, boolean refuse, boolean upToDateOnly) throws SQLException {
        HistoryTable history = HistoryTable.of(session, dialect, settings.text(Setting.TABLE));
        Placeholders placeholders = placeholders(session);
        GateLog log = new GateLog(database);
        // read while the scripts are still being listed ahead, so that the two overlap
        List<AppliedMigration> rows = listedAhead != null ? read(history, upToDateOnly) : null;
        ListedScripts listed = listedAhead != null ? ListedScripts.await(listedAhead) : fingerprintDirectory == null ? null
                : ListedScripts.list(Thread.currentThread().getContextClassLoader(), settings, fingerprintDirectory);
        Fingerprints cache = listed == null ? null : listed.cache();
        if (listed != null && listed.migrations() != null) {
            Plan plan = upToDateByFingerprints(session, history, rows, placeholders, refuse, listed, log);
            if (plan != null) {
                return plan;
            }
        }
        List<String> notes = new ArrayList<>();
        Resolver resolver = Resolver.forCurrentThread().warningsTo(upToDateOnly ? notes::add
                : warning -> log.log(System.Logger.Level.WARNING, warning)).fingerprints(cache, false);
        List<ResolvedMigration> resolved = resolve(resolver, placeholders);
        if (cache != null) {
            cache.save();
        }
        Plan plan = plan(session, history, rows, resolved, placeholders, refuse, log, upToDateOnly);
        if (plan != null) {
            for (String note : notes) {
                log.log(System.Logger.Level.WARNING, note);
            }
        }
        return plan;
    }

    /**
     * The plan of an up-to-date database from the scripts' fingerprints, every checksum not read
     * but recorded with an unchanged fingerprint; null when that cannot show it (something pending,
     * a refusal, a script whose text was needed after all), and the start reads every script.
     */
    private Plan upToDateByFingerprints(GateSession session, HistoryTable history, List<AppliedMigration> rows,
                                        Placeholders placeholders, boolean refuse, ListedScripts listed, GateLog log)
            throws SQLException {
        Plan plan;
        List<ResolvedMigration> resolved;
        try {
            resolved = withReplacedChecksums(listed.migrations(), placeholders);
            plan = plan(session, history, rows, resolved, placeholders, refuse, log, true);
        } catch (SluiceException refusal) {
            return null;
        }
        if (plan == null) {
            return null;
        }
        for (ResolvedMigration migration : resolved) {
            if (migration.wasReadLate()) {
                return null;
            }
        }
        for (String note : listed.notes()) {
            log.log(System.Logger.Level.WARNING, note);
        }
        listed.cache().save();
        return plan;
    }

    private List<ResolvedMigration> resolve(Resolver resolver, Placeholders placeholders) throws SluiceException {
        return withReplacedChecksums(resolver.resolve(settings.list(Setting.LOCATIONS), settings.isSet(Setting.LOCATIONS)),
                placeholders);
    }

    /**
     * @param readRows     the history's rows when already read, else null to read them now
     * @param upToDateOnly return null instead of a plan with anything to run or recover
     */
    private Plan plan(GateSession session, HistoryTable history, List<AppliedMigration> readRows,
                      List<ResolvedMigration> resolved, Placeholders placeholders, boolean refuse, GateLog log,
                      boolean upToDateOnly) throws SQLException {
        List<AppliedMigration> rows = readRows != null ? readRows : read(history, upToDateOnly);
        List<AppliedMigration> flyway = rows.isEmpty() ? history.readFlyway() : Collections.<AppliedMigration>emptyList();
        List<ResolvedMigration> recorded = rows.isEmpty() && flyway.isEmpty() && settings.isSet(Setting.LEGACY_TABLE)
                ? legacyRecorded(history, resolved, log) : Collections.<ResolvedMigration>emptyList();
        if (!recorded.isEmpty()) {
            flyway = asAdoptedRows(recorded);
        }
        List<AppliedMigration> interrupted = new ArrayList<>();
        for (AppliedMigration row : rows) {
            if (HistoryTable.isStartedMark(row)) {
                interrupted.add(row);
            }
        }
        Planner planner = new Planner(dialect.splitRules(), settings.flag(Setting.OUT_OF_ORDER));
        Plan plan = (refuse ? planner.plan(rows, flyway, resolved, settings.target())
                : planner.review(rows, flyway, resolved, settings.target())).withInterrupted(interrupted);
        if (upToDateOnly) {
            return plan.isEmpty() && recorded.isEmpty() && interrupted.isEmpty() && plan.future().isEmpty() ? plan : null;
        }
        if (plan.isEmpty() && recorded.isEmpty()) {
            return plan;
        }
        StatementPlanner statements = new StatementPlanner(session.readCatalog(), session.schema(), session::probeTable,
                dialect::lockHazards, dialect::cannotRunInTransaction, dialect.splitRules(),
                settings.flag(Setting.ALLOW_DESTRUCTIVE), settings.flag(Setting.MIXED));
        try {
            checkRecorded(statements, planner, recorded, placeholders);
            return statements.plan(plan, placeholders);
        } catch (IllegalArgumentException e) {
            throw new SluiceException(Problem.INVALID_MIGRATION, e.getMessage(), e);
        }
    }

    /**
     * The versioned migrations a home-made history table ({@code sluice.legacyTable}) recorded,
     * matched to their files by version. A recorded version without a file here is only a warning,
     * as a missing file of Sluice's own history is.
     */
    private List<ResolvedMigration> legacyRecorded(HistoryTable history, List<ResolvedMigration> resolved, GateLog log)
            throws SQLException {
        String table = settings.text(Setting.LEGACY_TABLE);
        List<ResolvedMigration> recorded = new ArrayList<>();
        for (String text : history.readLegacyVersions(table, settings.text(Setting.LEGACY_VERSION_COLUMN))) {
            ResolvedMigration file = null;
            for (ResolvedMigration migration : resolved) {
                if (migration.isVersioned() && migration.version().toString().equals(text)) {
                    file = migration;
                }
            }
            if (file == null) {
                log.log(System.Logger.Level.WARNING, table + " records version " + text + " but no migration V" + text
                        + "__….sql is here; it is not adopted");
            } else {
                recorded.add(file);
            }
        }
        return recorded;
    }

    /** The recorded migrations as history rows to adopt, with their files' own checksums: nothing of them runs. */
    private static List<AppliedMigration> asAdoptedRows(List<ResolvedMigration> recorded) {
        List<AppliedMigration> rows = new ArrayList<>();
        int rank = 0;
        for (ResolvedMigration file : recorded) {
            rows.add(new AppliedMigration(++rank, file.version(), file.description(), file.type(), file.script(),
                    file.checksum(), "adopted", null, 0, true, true, null));
        }
        return rows;
    }

    /**
     * Adopting a home-made history trusts its rows only as far as the catalog agrees: every DDL
     * statement of a recorded migration whose effect is certainly missing refuses the gate.
     */
    private void checkRecorded(StatementPlanner statements, Planner planner, List<ResolvedMigration> recorded,
                               Placeholders placeholders) throws SQLException {
        List<PlannedMigration> scripts = new ArrayList<>();
        for (ResolvedMigration file : recorded) {
            scripts.add(planner.forCheck(file));
        }
        List<String> missing = statements.checkRecorded(scripts, placeholders);
        if (!missing.isEmpty()) {
            String table = settings.text(Setting.LEGACY_TABLE);
            throw new SluiceException(Problem.CONFLICT, table + " records versions whose changes the database does not "
                    + "show: " + String.join("; ", missing) + "; nothing was applied; check the database, or delete those "
                    + "versions from " + table + " so they run");
        }
    }

    /**
     * SPEC §3: a repeatable script re-runs when a replaced value changes, so its checksum is taken
     * after replacement; versioned scripts keep the checksum of their text as written.
     */
    private static List<ResolvedMigration> withReplacedChecksums(List<ResolvedMigration> resolved, Placeholders placeholders)
            throws SluiceException {
        List<ResolvedMigration> result = new ArrayList<>(resolved.size());
        for (ResolvedMigration migration : resolved) {
            if (migration.type() != MigrationType.REPEATABLE) {
                result.add(migration);
                continue;
            }
            try {
                String replaced = placeholders.forScript(migration.script()).replace(migration.text());
                result.add(migration.withChecksum(Checksums.sha256(replaced)));
            } catch (IllegalArgumentException e) {
                throw new SluiceException(Problem.INVALID_MIGRATION, migration.source() + ": " + e.getMessage(), e);
            }
        }
        return result;
    }

    /** An up-to-date read compares the history with the files and never shows a row: it reads only what it compares. */
    private static List<AppliedMigration> read(HistoryTable history, boolean upToDateOnly) throws SQLException {
        return upToDateOnly ? history.readForComparison() : history.read();
    }

    /** The placeholder values for this database's scripts, built-ins included. */
    public Placeholders placeholders(GateSession session) throws SQLException {
        Map<String, String> builtIns = new HashMap<>();
        builtIns.put("defaultSchema", session.schema());
        String user = session.connection().getMetaData().getUserName();
        builtIns.put("user", user == null ? "" : user);
        builtIns.put("database", database);
        builtIns.put("table", settings.text(Setting.TABLE));
        return Placeholders.of(settings.placeholders(), builtIns, Inspector::timestamp,
                settings.flag(Setting.PLACEHOLDER_REPLACEMENT));
    }

    /** {@code ${sluice:timestamp}}; formatting it loads ~80 {@code java.time} classes, so only a script that uses it pays. */
    private static String timestamp() {
        return ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
    }
}
