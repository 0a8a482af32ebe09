package io.sluice.migrations.ops;

import io.sluice.migrations.error.Problem;
import io.sluice.migrations.error.SluiceException;
import io.sluice.migrations.model.ResolvedMigration;
import io.sluice.migrations.resolve.Resolver;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** {@code new DESCRIPTION}: writes the next {@code V<n>__description.sql} in the first filesystem location. */
public final class NewMigration {
    private NewMigration() {
    }

    public static Path create(List<String> locations, String description) throws SluiceException {
        String folder = null;
        for (String location : locations) {
            if (location.startsWith("filesystem:")) {
                folder = location.substring("filesystem:".length());
                break;
            }
        }
        if (folder == null) {
            throw new SluiceException(Problem.INVALID_SETTING, "new needs a filesystem: location to write into; "
                    + "give one with --locations filesystem:src/main/resources/db/migration");
        }
        BigInteger next = BigInteger.ONE;
        for (ResolvedMigration migration : Resolver.forCurrentThread().resolve(locations, true)) {
            if (migration.version() != null) {
                BigInteger major = new BigInteger(migration.version().toString().split("\\.")[0]);
                next = next.max(major.add(BigInteger.ONE));
            }
        }
        String name = "V" + next + "__" + description.trim().replaceAll("[^A-Za-z0-9]+", "_") + ".sql";
        Path file = Paths.get(folder).resolve(name);
        try {
            Files.write(file, ("-- " + description.trim() + "\n").getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE_NEW);
        } catch (IOException e) {
            throw new SluiceException(Problem.INVALID_SETTING, "Cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }
}
