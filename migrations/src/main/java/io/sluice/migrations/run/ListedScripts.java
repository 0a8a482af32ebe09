package io.sluice.migrations.run;

import io.sluice.migrations.config.Setting;
import io.sluice.migrations.config.Settings;
import io.sluice.migrations.error.SluiceException;
import io.sluice.migrations.model.ResolvedMigration;
import io.sluice.migrations.resolve.Fingerprints;
import io.sluice.migrations.resolve.Resolver;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * The scripts an up-to-date start compares with the history: listed, each versioned script's
 * checksum taken from its fingerprint where that is the one recorded at an earlier start (the
 * script is not read), every other script read. Listing needs nothing of the database, so the
 * gate starts it on a thread of its own before it connects ({@link #ahead}): in a fresh JVM,
 * connecting (loading the driver's native code, a server's authentication) takes longer than
 * listing, and the two then overlap.
 */
final class ListedScripts {
    private final Fingerprints cache;
    private final List<ResolvedMigration> migrations;
    private final List<String> notes;

    private ListedScripts(Fingerprints cache, List<ResolvedMigration> migrations, List<String> notes) {
        this.cache = cache;
        this.migrations = migrations;
        this.notes = notes;
    }

    /**
     * Lists the scripts now, on this thread, with the fingerprints kept in {@code directory}.
     *
     * @return null when no fingerprints are kept there (no folder): every script is then read
     */
    static ListedScripts list(ClassLoader classLoader, Settings settings, Path directory) {
        Fingerprints cache = Fingerprints.in(directory);
        if (cache == null) {
            return null;
        }
        List<String> notes = new ArrayList<>();
        Resolver resolver = new Resolver(classLoader).warningsTo(notes::add).fingerprints(cache, true);
        try {
            return new ListedScripts(cache, resolver.resolve(settings.list(Setting.LOCATIONS),
                    settings.isSet(Setting.LOCATIONS)), notes);
        } catch (SluiceException refusal) {
            return new ListedScripts(cache, null, notes);
        }
    }

    /**
     * Starts {@link #list} on a thread of its own, with this thread's context class loader (SPEC §3);
     * on this thread when no thread can be started.
     */
    static Future<ListedScripts> ahead(Settings settings, Path directory) {
        ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
        FutureTask<ListedScripts> task = new FutureTask<>(() -> list(classLoader, settings, directory));
        try {
            Thread thread = new Thread(task, "sluice-list-scripts");
            thread.setDaemon(true);
            thread.start();
        } catch (OutOfMemoryError | SecurityException noThread) {
            task.run();
        }
        return task;
    }

    /**
     * The listing {@link #ahead} started, once it is done; null (every script is read) when this
     * thread is interrupted while it waits. What the listing threw unchecked is thrown here.
     */
    static ListedScripts await(Future<ListedScripts> ahead) {
        try {
            return ahead.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw (RuntimeException) cause;
        }
    }

    Fingerprints cache() {
        return cache;
    }

    /** The scripts, repeatables with the checksum of their text as written; null when listing refused (the full read says why). */
    List<ResolvedMigration> migrations() {
        return migrations;
    }

    /** Files that look like migrations but are ignored: logged once the start is known to be up to date. */
    List<String> notes() {
        return notes;
    }
}
