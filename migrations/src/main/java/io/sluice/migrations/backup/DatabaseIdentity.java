package io.sluice.migrations.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;

/**
 * Which database a backup was taken of. Recorded in every backup's metadata and compared before a
 * backup is listed, pruned or restored, because a file name alone ({@code app-…}) does not tell two
 * {@code app.db} files in different folders, or two servers' {@code shop} databases, apart.
 *
 * <p>A database in a file (SQLite): the file's canonical path (symbolic links resolved), the one
 * name every process that opens that file shares; such a file carries no identifier of its own
 * that Sluice could read without writing it into the application's schema. A database on a server
 * (PostgreSQL): the database and schema, on the server named by its system identifier where the
 * role may read it, else by the address in the URL.
 */
public final class DatabaseIdentity {
    private static final String PREFIX = "identity.";

    private final String dialect;
    private final String server;
    private final String system;
    private final String database;
    private final String schema;

    private DatabaseIdentity(String dialect, String server, String system, String database, String schema) {
        this.dialect = dialect;
        this.server = nullToEmpty(server);
        this.system = nullToEmpty(system);
        this.database = nullToEmpty(database);
        this.schema = nullToEmpty(schema);
    }

    /** @param dialect the dialect's name, so two databases of different kinds never match */
    public static DatabaseIdentity ofFile(String dialect, Path databaseFile) {
        return new DatabaseIdentity(dialect, "", "", canonical(databaseFile).toString(), "");
    }

    /**
     * @param server           {@code host:port} as the URL names it
     * @param systemIdentifier the server's own identifier, or null when the role may not read it
     */
    public static DatabaseIdentity onServer(String dialect, String server, String systemIdentifier, String database,
                                            String schema) {
        return new DatabaseIdentity(dialect, server, systemIdentifier, database, schema);
    }

    /** The path every process opening this file shares: links resolved, also for a file not created yet. */
    static Path canonical(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        try {
            return absolute.toRealPath();
        } catch (IOException notThereYet) {
            Path parent = absolute.getParent();
            try {
                return parent == null ? absolute : parent.toRealPath().resolve(absolute.getFileName());
            } catch (IOException noFolderEither) {
                return absolute;
            }
        }
    }

    /**
     * Whether both name the same database. The server counts by its system identifier when both
     * sides know it, so another spelling of the host (or a promoted replica) is still the same
     * server; by address otherwise.
     */
    public boolean sameDatabase(DatabaseIdentity other) {
        if (other == null || !dialect.equals(other.dialect) || !database.equals(other.database)
                || !schema.equals(other.schema)) {
            return false;
        }
        return !system.isEmpty() && !other.system.isEmpty() ? system.equals(other.system) : server.equals(other.server);
    }

    public String schema() {
        return schema;
    }

    /**
     * A short tag for this database in temporary file names, so that a run only ever removes its own
     * database's leftovers from a shared backup folder. Stricter than {@link #sameDatabase}: it
     * includes the address, which costs at most a leftover file that stays.
     */
    String tag() {
        byte[] digest = BackupMetadata.newSha256().digest(String.join("\n", dialect, server, database, schema)
                .getBytes(StandardCharsets.UTF_8));
        return BackupMetadata.hex(digest).substring(0, 12);
    }

    void store(Properties properties) {
        properties.setProperty(PREFIX + "dialect", dialect);
        properties.setProperty(PREFIX + "server", server);
        properties.setProperty(PREFIX + "system", system);
        properties.setProperty(PREFIX + "database", database);
        properties.setProperty(PREFIX + "schema", schema);
    }

    /** @return the identity stored in {@code properties}, or null when there is none */
    static DatabaseIdentity load(Properties properties) {
        String dialect = properties.getProperty(PREFIX + "dialect");
        String database = properties.getProperty(PREFIX + "database");
        if (dialect == null || database == null || database.isEmpty()) {
            return null;
        }
        return new DatabaseIdentity(dialect, properties.getProperty(PREFIX + "server"),
                properties.getProperty(PREFIX + "system"), database, properties.getProperty(PREFIX + "schema"));
    }

    /** For messages: the file's path, or database, schema and server. */
    @Override
    public String toString() {
        if (server.isEmpty()) {
            return database;
        }
        return "database " + database + ", schema " + schema + " on " + server
                + (system.isEmpty() ? "" : " (system identifier " + system + ")");
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DatabaseIdentity)) {
            return false;
        }
        DatabaseIdentity other = (DatabaseIdentity) o;
        return dialect.equals(other.dialect) && server.equals(other.server) && system.equals(other.system)
                && database.equals(other.database) && schema.equals(other.schema);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dialect, server, system, database, schema);
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
