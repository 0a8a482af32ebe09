package io.sluice.migrations.ops;

import io.sluice.migrations.config.Setting;
import io.sluice.migrations.connect.GatedDatabase;
import io.sluice.migrations.dialect.GateSession;
import io.sluice.migrations.dialect.ScratchCopy;
import io.sluice.migrations.error.SluiceException;
import io.sluice.migrations.plan.CatalogSnapshot;
import io.sluice.migrations.run.GateReport;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code rehearse}: the real gate (same plan, lock, backup and verify) on a throw-away copy of the
 * database, with each statement's time, rows and locks, the schema before and after, and the copy
 * dropped on every path. The database itself is only read, once, to make the copy. The gate's
 * backup of the copy goes into the rehearsal's temporary folder, never into the database's
 * backup folder, and is deleted with it.
 */
public final class Rehearsal {
    private final GatedDatabase database;
    private final String targetUrl;

    /** @param targetUrl where to make the copy instead of beside the database (PostgreSQL), or null */
    public Rehearsal(GatedDatabase database, String targetUrl) {
        this.database = database;
        this.targetUrl = targetUrl;
    }

    /** What a rehearsal did; {@link #refusal} says whether the gate would have refused. */
    public static final class Report {
        public final String database;
        public final String dialect;
        public final String copyLocation;
        public final String copyMethod;
        public final Duration copyTime;
        /** Checked after dropping it: the copy is no longer there. */
        public final boolean copyGone;
        public final GateReport gate;
        /** The gate's refusal on the copy (a failed migration, a conflict…), or null when it opened. */
        public final SluiceException refusal;
        /** The refusal's message, its backup named as the copy's (deleted with it); null when the gate opened. */
        public final String failure;
        public final List<Migration> migrations;
        /** The copy's schema after the gate against before it: object, before, after. */
        public final List<Drift.Difference> schemaChanges;

        Report(String database, String dialect, ScratchCopy copy, Duration copyTime, boolean copyGone, GateReport gate,
               SluiceException refusal, String failure, List<Migration> migrations,
               List<Drift.Difference> schemaChanges) {
            this.database = database;
            this.dialect = dialect;
            this.copyLocation = copy.location();
            this.copyMethod = copy.method();
            this.copyTime = copyTime;
            this.copyGone = copyGone;
            this.gate = gate;
            this.refusal = refusal;
            this.failure = failure;
            this.migrations = Collections.unmodifiableList(migrations);
            this.schemaChanges = Collections.unmodifiableList(schemaChanges);
        }
    }

    /** One migration on the copy: its time and outcome as the gate reports them, and its statements. */
    public static final class Migration {
        public final String script;
        /** Null for a repeatable migration. */
        public final String version;
        public final Duration duration;
        /** {@code applied}, {@code failed}, or {@code undone} (ran, then a later failure undid it). */
        public final String outcome;
        /** In the order they ran or were skipped; the failed one last. */
        public final List<Statement> statements;

        Migration(String script, String version, Duration duration, String outcome, List<Statement> statements) {
            this.script = script;
            this.version = version;
            this.duration = duration;
            this.outcome = outcome;
            this.statements = Collections.unmodifiableList(statements);
        }
    }

    /** One statement: what happened to it, how long it took, the rows it changed and the locks it took. */
    public static final class Statement {
        /** The script's line; 0 for a Java migration. */
        public final int line;
        /** {@code apply}, {@code skip} or {@code failed}. */
        public final String action;
        /** What it creates or changes, as in {@code plan}; null for data statements. */
        public final String object;
        /** Null for a skipped statement. */
        public final Duration duration;
        /** The update count the driver reported; -1 when there is none (DDL on most drivers, a skip). */
        public final long rows;
        /** The locks its transaction took with it (PostgreSQL), with how long each was held. */
        public final List<Lock> locks;
        /** Why it was skipped, or the database's error for the failed one; else null. */
        public final String reason;

        Statement(int line, String action, String object, Duration duration, long rows, List<Lock> locks, String reason) {
            this.line = line;
            this.action = action;
            this.object = object;
            this.duration = duration;
            this.rows = rows;
            this.locks = locks;
            this.reason = reason;
        }
    }

    /** A lock a statement's transaction took: on what, at which level, and for how long it was held (until the commit or rollback). */
    public static final class Lock {
        public final String relation;
        public final String mode;
        final long acquiredNanos;
        Duration held;

        Lock(String relation, String mode, long acquiredNanos) {
            this.relation = relation;
            this.mode = mode;
            this.acquiredNanos = acquiredNanos;
        }

        /** Null while the transaction is still open. */
        public Duration held() {
            return held;
        }
    }

    public Report run() throws SQLException {
        Path work;
        try {
            work = Files.createTempDirectory("sluice-rehearse-");
        } catch (IOException e) {
            throw new SQLException("cannot create a temporary folder for the copy: " + e.getMessage(), e);
        }
        try {
            return rehearse(work);
        } finally {
            deleteTree(work);
        }
    }

    private Report rehearse(Path work) throws SQLException {
        long start = System.nanoTime();
        ScratchCopy copy = database.dialect().scratchCopy(database.delegateUrl(), database, database.settings(), targetUrl,
                work);
        Duration copyTime = Duration.ofNanos(System.nanoTime() - start);
        RehearsalRecorder recorder = new RehearsalRecorder();
        GateReport gate;
        SluiceException refusal = null;
        List<Drift.Difference> changes;
        try {
            GatedDatabase onCopy = database.at(copy.jdbcUrl(),
                    database.settings().with(Setting.BACKUP_DIR, work.resolve("backups").toString()));
            CatalogSnapshot before = catalog(onCopy);
            try {
                gate = onCopy.newRun().observer(recorder).run();
            } catch (SluiceException e) {
                refusal = e;
                gate = e.report();
            }
            changes = Drift.compare(before, catalog(onCopy), database.dialect(), database.settings());
        } finally {
            copy.close();
        }
        String failure = refusal == null ? null : refusal.getMessage().replaceAll("; backup " + Pattern.quote(
                work.toString()) + "[^;\\s]*", "; the copy's backup (deleted with it)");
        return new Report(database.name(), database.dialectName(), copy, copyTime, copy.isGone(), gate, refusal, failure,
                recorder.migrations(gate), changes);
    }

    private static CatalogSnapshot catalog(GatedDatabase database) throws SQLException {
        try (GateSession session = database.openSession()) {
            return session.readCatalog();
        }
    }

    private static void deleteTree(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<Path>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                    Files.delete(directory);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            System.getLogger("io.sluice").log(System.Logger.Level.WARNING, "cannot delete the rehearsal's temporary folder "
                    + root + ": " + e.getMessage());
        }
    }
}
