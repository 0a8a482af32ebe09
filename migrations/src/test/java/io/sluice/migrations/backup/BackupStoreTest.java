package io.sluice.migrations.backup;

import io.sluice.migrations.error.SluiceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BackupStoreTest {
    @TempDir
    Path temp;

    private final byte[] content = new byte[3 << 20];

    BackupStoreTest() {
        new Random(7).nextBytes(content);
    }

    private BackupStore store() {
        return new BackupStore(new BackupFiles(temp.resolve("backups"), "app", ".db",
                DatabaseIdentity.ofFile("sqlite", temp.resolve("app.db"))), 10, "app", BackupErrors.NONE);
    }

    @Test
    void theChecksumReadWhileTheCopyIsCheckedIsTheChecksumOfTheFilePublished() throws Exception {
        Path backup = store().take("manual-v1", null, (temporary, written) -> {
            Files.write(temporary, content);
            written.run();
            assertEquals(content.length, Files.size(temporary), "the check reads the whole copy meanwhile");
        });

        BackupMetadata metadata = BackupMetadata.read(backup);
        assertNotNull(metadata);
        assertArrayEquals(content, Files.readAllBytes(backup));
        assertNull(metadata.damage(backup), "the recorded SHA-256 is the published file's");
    }

    @Test
    void aCopyThatNeverSaysItWasWrittenStillGetsItsChecksum() throws Exception {
        Path backup = store().take("manual-v1", null, (temporary, written) -> Files.write(temporary, content));

        assertNull(BackupMetadata.read(backup).damage(backup));
    }

    @Test
    void aCheckThatFailsAfterTheChecksumStartedPublishesNothing() throws Exception {
        assertThrows(SluiceException.class, () -> store().take("manual-v1", null, (temporary, written) -> {
            Files.write(temporary, content);
            written.run();
            throw new SQLException("the copy fails integrity_check: page 3 is never used");
        }));

        try (var left = Files.list(temp.resolve("backups"))) {
            assertEquals(0, left.filter(file -> !file.getFileName().toString().startsWith(".")).count(),
                    Arrays.toString(temp.resolve("backups").toFile().list()));
        }
    }
}
