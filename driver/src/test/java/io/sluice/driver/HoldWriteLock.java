package io.sluice.driver;

import java.nio.file.Files;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/** Another process writing to the database: holds a write transaction for {@code args[1]} ms. */
public final class HoldWriteLock {
    public static void main(String[] args) throws Exception {
        try (Connection connection = DriverManager.getConnection(args[0]);
             Statement statement = connection.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            statement.execute("UPDATE users SET name = name WHERE id = 1");
            Files.createFile(Paths.get(args[2]));
            Thread.sleep(Long.parseLong(args[1]));
            statement.execute("COMMIT");
        }
    }
}
