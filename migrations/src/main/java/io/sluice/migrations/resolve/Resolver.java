package io.sluice.migrations.resolve;

import io.sluice.migrations.JavaMigration;
import io.sluice.migrations.config.Setting;
import io.sluice.migrations.error.Problem;
import io.sluice.migrations.error.SluiceException;
import io.sluice.migrations.model.MigrationType;
import io.sluice.migrations.model.ResolvedMigration;
import io.sluice.migrations.model.Version;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Lists locations into {@link ResolvedMigration}s, sorted: versioned by version, then
 * repeatables by description. Reads each script once for its checksum (or, given
 * {@link Fingerprints}, takes it from an unchanged fingerprint); parses nothing.
 */
public final class Resolver {
    private static final System.Logger LOG = System.getLogger(Resolver.class.getName());

    private final ClassLoader classLoader;
    private Consumer<String> warnings = message -> LOG.log(System.Logger.Level.WARNING, message);
    private Fingerprints fingerprints;
    private boolean trustFingerprints;

    public Resolver(ClassLoader classLoader) {
        this.classLoader = classLoader != null ? classLoader : Resolver.class.getClassLoader();
    }

    /** With the thread's context class loader, as SPEC §3 asks. */
    public static Resolver forCurrentThread() {
        return new Resolver(Thread.currentThread().getContextClassLoader());
    }

    /** Where notes on files that look like migrations but are ignored go; the logger by default. */
    public Resolver warningsTo(Consumer<String> sink) {
        this.warnings = sink;
        return this;
    }

    /**
     * Records in {@code cache} the fingerprint of every versioned script it reads; with
     * {@code trust}, takes a script's checksum from there instead when its fingerprint is the one
     * recorded (the script is then {@linkplain ResolvedMigration#unread unread}). Repeatable
     * scripts are always read: their checksum is taken after placeholder replacement. A null cache
     * reads every script and records nothing.
     */
    public Resolver fingerprints(Fingerprints cache, boolean trust) {
        this.fingerprints = cache;
        this.trustFingerprints = trust;
        return this;
    }

    /**
     * Checks that every location exists, without reading any: set explicitly, a missing one is a
     * configuration error raised before the database is touched.
     */
    public void requireExisting(List<String> locations) throws SluiceException {
        for (String text : locations) {
            Location location = Location.parse(text);
            boolean exists = location.isClasspath() ? classLoader.getResource(location.path()) != null
                    : Files.isDirectory(Paths.get(location.path()));
            if (!exists) {
                throw missing(location);
            }
        }
    }

    private static SluiceException missing(Location location) {
        return new SluiceException(Problem.INVALID_SETTING, Setting.LOCATIONS.property() + ": " + location
                + " does not exist; create it or correct the setting");
    }

    /**
     * @param explicit whether the locations were set by the user; a missing explicit location is an error,
     *                 a missing default one just means nothing to migrate
     */
    public List<ResolvedMigration> resolve(List<String> locations, boolean explicit) throws SluiceException {
        LocationScanner scanner = new LocationScanner(classLoader);
        List<ResolvedMigration> found = new ArrayList<>();
        for (String text : locations) {
            Location location = Location.parse(text);
            List<Resource> resources;
            try {
                resources = scanner.scan(location);
            } catch (IOException e) {
                throw new SluiceException(Problem.INVALID_MIGRATION, "Cannot read location " + location + ": "
                        + e.getMessage(), e);
            }
            if (resources == null) {
                if (explicit) {
                    throw missing(location);
                }
                continue;
            }
            for (Resource resource : resources) {
                ResolvedMigration migration = toMigration(location, resource);
                if (migration != null) {
                    found.add(migration);
                }
            }
        }
        List<ResolvedMigration> unique = withoutDuplicates(found);
        unique.sort(ORDER);
        return unique;
    }

    private ResolvedMigration toMigration(Location location, Resource resource) throws SluiceException {
        String path = resource.relativePath;
        if (path.endsWith(".class")) {
            return location.isClasspath() && path.indexOf('$') < 0 ? javaMigration(location, resource) : null;
        }
        if (!path.endsWith(".sql")) {
            return null;
        }
        MigrationName name = MigrationName.parse(resource.baseName(), false);
        if (name == null) {
            warnings.accept("Ignoring " + resource.source
                    + ": not named V<version>__<description>.sql, R__<description>.sql or U<version>__<description>.sql");
            return null;
        }
        return script(resource, name);
    }

    /**
     * Reads a script for its text and checksum. Refuses what cannot be read faithfully: malformed
     * UTF-8 (named with its byte offset), and a script too big for the heap, named with its size
     * instead of an {@link OutOfMemoryError} that would take the application down.
     */
    private ResolvedMigration script(Resource resource, MigrationName name) throws SluiceException {
        if (fingerprints != null && trustFingerprints && name.type != MigrationType.REPEATABLE) {
            String checksum = fingerprints.checksum(resource.identity, resource.fingerprint);
            if (checksum != null) {
                return ResolvedMigration.unread(name.type, name.version, name.description, resource.relativePath,
                        resource.source, checksum, () -> readLate(resource, name));
            }
        }
        ResolvedMigration read = read(resource, name);
        if (fingerprints != null && name.type != MigrationType.REPEATABLE) {
            fingerprints.record(resource.identity, resource.fingerprint, read.checksum());
        }
        return read;
    }

    private static String readLate(Resource resource, MigrationName name) {
        try {
            return read(resource, name).text();
        } catch (SluiceException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static ResolvedMigration read(Resource resource, MigrationName name) throws SluiceException {
        long maxHeap = Runtime.getRuntime().maxMemory();
        if (resource.size > maxHeap) {
            throw tooBig(resource, maxHeap, null);
        }
        try {
            String text = Checksums.normalize(resource.read());
            return ResolvedMigration.script(name.type, name.version, name.description, resource.relativePath,
                    resource.source, Checksums.sha256(text), text);
        } catch (IOException | IllegalArgumentException e) {
            throw new SluiceException(Problem.INVALID_MIGRATION, "Cannot read " + resource.source + ": "
                    + e.getMessage(), e);
        } catch (OutOfMemoryError e) {
            // The failed allocation was this script's own buffer; once thrown, nothing else holds it.
            throw tooBig(resource, maxHeap, e);
        }
    }

    private static SluiceException tooBig(Resource resource, long maxHeap, Throwable cause) {
        return new SluiceException(Problem.INVALID_MIGRATION, "Cannot read " + resource.source + " ("
                + (resource.size < 0 ? "size unknown" : resource.size + " bytes") + "): it does not fit in the heap ("
                + maxHeap / (1024 * 1024) + " MB at most) with its text and checksum; split the script, or give the "
                + "JVM more heap with -Xmx", cause);
    }

    private ResolvedMigration javaMigration(Location location, Resource resource) throws SluiceException {
        MigrationName name = MigrationName.parse(resource.baseName(), true);
        if (name == null) {
            return null;
        }
        String resourceName = (location.path().isEmpty() ? "" : location.path() + "/") + resource.relativePath;
        String className = resourceName.substring(0, resourceName.length() - ".class".length()).replace('/', '.');
        Class<?> type;
        try {
            type = Class.forName(className, false, classLoader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new SluiceException(Problem.INVALID_MIGRATION, "Cannot load Java migration " + className + ": " + e, e);
        }
        if (!JavaMigration.class.isAssignableFrom(type)) {
            warnings.accept("Ignoring " + className + ": named like a migration but does not implement "
                    + JavaMigration.class.getName());
            return null;
        }
        return ResolvedMigration.java(name.version, name.description, className);
    }

    /**
     * The same file seen twice (one folder in two class path entries) counts once, first one
     * wins as in class loading; two different files claiming one version are an error.
     */
    private static List<ResolvedMigration> withoutDuplicates(List<ResolvedMigration> migrations)
            throws SluiceException {
        Map<Object, ResolvedMigration> seen = new LinkedHashMap<>();
        for (ResolvedMigration migration : migrations) {
            // Keyed by the Version itself, not its text: V1 and V1_0 claim the same version.
            Object identity = migration.type() == MigrationType.REPEATABLE ? "R:" + migration.description()
                    : Arrays.asList(migration.type() == MigrationType.UNDO ? "U" : "V", migration.version());
            ResolvedMigration earlier = seen.putIfAbsent(identity, migration);
            if (earlier != null && !earlier.source().equals(migration.source())) {
                throw new SluiceException(Problem.INVALID_MIGRATION, "Two migrations claim "
                        + (migration.version() != null ? "version " + migration.version() : "repeatable '" + migration.description() + "'")
                        + ": " + earlier.source() + " and " + migration.source() + "; rename one of them");
            }
        }
        return new ArrayList<>(seen.values());
    }

    /**
     * The version a migration's name carries ({@code sql/V2__add.sql}, {@code db.migration.V7__Backfill}),
     * or null when it is not a versioned migration's name.
     */
    public static Version versionInName(String script) {
        String name = script.substring(script.lastIndexOf('/') + 1);
        boolean sql = name.endsWith(".sql");
        name = sql ? name.substring(0, name.length() - ".sql".length()) : name.substring(name.lastIndexOf('.') + 1);
        MigrationName parsed = MigrationName.parse(name, !sql);
        return parsed == null || parsed.type == MigrationType.UNDO ? null : parsed.version;
    }

    static final Comparator<ResolvedMigration> ORDER = (a, b) -> {
        if (a.version() != null && b.version() != null) {
            int byVersion = a.version().compareTo(b.version());
            return byVersion != 0 ? byVersion : a.type().compareTo(b.type());
        }
        if (a.version() != null || b.version() != null) {
            return a.version() != null ? -1 : 1;
        }
        return a.description().compareTo(b.description());
    };
}
