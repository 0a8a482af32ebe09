package io.sluice.benchmarks.side;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A database server the suite makes empty databases on: SQLite files on local disk, or an embedded
 * PostgreSQL 15 from Maven Central's binaries (nothing installed).
 */
public abstract class Database implements AutoCloseable {
    final Path folder;
    private int made;

    Database(Path folder) {
        this.folder = folder;
    }

    /** {@code sqlite} or {@code postgresql}. */
    public static Database start(String kind, Path folder) throws IOException {
        Files.createDirectories(folder);
        switch (kind) {
            case "sqlite":
                return new Sqlite(folder);
            case "postgresql":
                return new Postgres(folder);
            default:
                throw new IllegalArgumentException("unknown database " + kind + "; use sqlite or postgresql");
        }
    }

    public abstract String kind();

    /** A new, empty database named after {@code name}. */
    public Target fresh(String name) throws SQLException, IOException {
        String unique = name + "_" + (++made);
        Path own = Files.createDirectories(folder.resolve(unique));
        return create(unique, own);
    }

    abstract Target create(String name, Path own) throws SQLException;

    /** Drops what {@link #fresh} made for {@code target}, to keep the disk small over many iterations. */
    public abstract void drop(Target target) throws SQLException, IOException;

    @Override
    public void close() throws IOException {
        deleteTree(folder);
    }

    /** Deletes a folder and everything in it, if it exists. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static final class Sqlite extends Database {
        Sqlite(Path folder) {
            super(folder);
        }

        @Override
        public String kind() {
            return "sqlite";
        }

        @Override
        Target create(String name, Path own) {
            return new Target("jdbc:sqlite:" + own.resolve(name + ".db").toAbsolutePath(), new Properties(), own);
        }

        @Override
        public void drop(Target target) throws IOException {
            deleteTree(target.folder());
        }
    }

    private static final class Postgres extends Database {
        private final EmbeddedPostgres server;
        private final Properties login = new Properties();

        Postgres(Path folder) throws IOException {
            super(folder);
            // The embedded server turns synchronous_commit and fsync off; a real server commits durably.
            server = EmbeddedPostgres.builder()
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("fsync", "on")
                    // The fleet part's 8 instances hold 16 pooled connections each, and the gates theirs.
                    .setServerConfig("max_connections", "300")
                    .setDataDirectory(folder.resolve("server-data"))
                    .start();
            login.setProperty("user", "postgres");
        }

        @Override
        public String kind() {
            return "postgresql";
        }

        private String url(String database) {
            return "jdbc:postgresql://localhost:" + server.getPort() + "/" + database;
        }

        @Override
        Target create(String name, Path own) throws SQLException {
            admin("CREATE DATABASE " + name);
            return new Target(url(name), login, own);
        }

        @Override
        public void drop(Target target) throws SQLException, IOException {
            String database = target.url().substring(target.url().lastIndexOf('/') + 1);
            admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            deleteTree(target.folder());
        }

        private void admin(String sql) throws SQLException {
            try (Connection connection = DriverManager.getConnection(url("postgres"), login);
                 Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            super.close();
        }
    }
}
