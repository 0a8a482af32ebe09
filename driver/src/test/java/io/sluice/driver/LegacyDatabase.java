package io.sluice.driver;

import io.sluice.testing.SqliteDigest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

/** A real SQLite file of a legacy app (users, loans, payments) and a folder of migrations for it. */
final class LegacyDatabase {
    static final List<String> ORIGINAL_CONTENT = List.of(
            "SELECT id, name FROM users ORDER BY id",
            "SELECT id, user_id, amount FROM loans ORDER BY id",
            "SELECT id, loan_id, amount FROM payments ORDER BY id");

    final Path directory;
    final Path file;
    final Path migrations;

    LegacyDatabase(Path directory) throws IOException {
        this(directory, "app.db");
    }

    LegacyDatabase(Path directory, String fileName) throws IOException {
        this.directory = directory;
        this.file = directory.resolve(fileName);
        this.migrations = Files.createDirectories(directory.resolve("migrations"));
    }

    /** Creates the legacy schema with some rows, outside Sluice, as the app did for years. */
    LegacyDatabase seeded() throws SQLException {
        try (Connection connection = DriverManager.getConnection(plainUrl());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
            statement.execute("CREATE TABLE loans (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id), amount INTEGER NOT NULL)");
            statement.execute("CREATE TABLE payments (id INTEGER PRIMARY KEY, loan_id INTEGER NOT NULL REFERENCES loans(id), amount INTEGER NOT NULL)");
            for (int i = 1; i <= 50; i++) {
                statement.execute("INSERT INTO users VALUES (" + i + ", 'user " + i + " ''quoted''')");
                statement.execute("INSERT INTO loans VALUES (" + i + ", " + i + ", " + (1000 * i) + ")");
                statement.execute("INSERT INTO payments VALUES (" + i + ", " + i + ", " + (10 * i) + ")");
            }
        }
        return this;
    }

    /** The usual cashback and loan-splitting migrations: two schema changes and a data migration. */
    LegacyDatabase withStandardMigrations() throws IOException {
        migration("V1__cashback_accounts.sql", """
                -- cashback for every user
                CREATE TABLE cashback_account (
                    id INTEGER PRIMARY KEY,
                    user_id INTEGER NOT NULL REFERENCES users(id),
                    balance INTEGER NOT NULL DEFAULT 0
                );
                CREATE INDEX cashback_account_user ON cashback_account (user_id);
                """);
        migration("V2__loan_split.sql", """
                CREATE TABLE loan_split (id INTEGER PRIMARY KEY, loan_id INTEGER NOT NULL, share INTEGER NOT NULL);
                ALTER TABLE payments ADD COLUMN loan_split_id INTEGER;
                """);
        migration("V3__open_cashback_accounts.sql", """
                INSERT INTO cashback_account (user_id, balance) SELECT id, 0 FROM users;
                """);
        return this;
    }

    void migration(String name, String content) throws IOException {
        Files.writeString(migrations.resolve(name), content, StandardCharsets.UTF_8);
    }

    String plainUrl() {
        return "jdbc:sqlite:" + file;
    }

    /** The gated URL with the migrations folder and any further {@code sluice.*} parameters. */
    String sluiceUrl(String... settings) {
        StringBuilder url = new StringBuilder("jdbc:sluice:sqlite:").append(file)
                .append("?sluice.locations=filesystem:").append(migrations);
        for (String setting : settings) {
            url.append('&').append(setting);
        }
        return url.toString();
    }

    Path backups() {
        return directory.resolve("backups");
    }

    List<Path> backupFiles() throws IOException {
        if (!Files.isDirectory(backups())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(backups())) {
            return files.filter(f -> f.getFileName().toString().endsWith(".db")).sorted().toList();
        }
    }

    long count(String query) throws SQLException {
        return SqliteDigest.longValue(plainUrl(), query);
    }

    String originalContentDigest() throws Exception {
        return SqliteDigest.ofQueries(plainUrl(), ORIGINAL_CONTENT);
    }
}
