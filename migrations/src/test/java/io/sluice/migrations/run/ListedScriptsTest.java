package io.sluice.migrations.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.sluice.migrations.config.Setting;
import io.sluice.migrations.config.Settings;
import io.sluice.migrations.error.SluiceException;
import io.sluice.migrations.model.ResolvedMigration;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scripts the gate lists on a thread of its own while its session connects. */
class ListedScriptsTest {
    @TempDir
    Path temp;

    @Test
    void scriptsOnTheCallersContextClassPathAreListedAhead() throws Exception {
        Path classes = Files.createDirectories(temp.resolve("classes/db/app"));
        Files.writeString(classes.resolve("V1__loans.sql"), "CREATE TABLE loans (id INTEGER PRIMARY KEY);\n");
        Files.writeString(classes.resolve("V2__seed.sql"), "INSERT INTO loans (id) VALUES (1);\n");
        Path backups = Files.createDirectories(temp.resolve("backups"));

        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        ListedScripts listed;
        try (URLClassLoader app = new URLClassLoader(new URL[] {temp.resolve("classes").toUri().toURL()}, null)) {
            thread.setContextClassLoader(app);
            listed = ListedScripts.await(ListedScripts.ahead(settings("classpath:db/app"), backups));
        } finally {
            thread.setContextClassLoader(before);
        }

        assertEquals(List.of("V1__loans.sql", "V2__seed.sql"), scripts(listed));
    }

    @Test
    void aLocationThatCannotBeListedIsLeftForTheFullReadToName() throws Exception {
        Path backups = Files.createDirectories(temp.resolve("backups"));

        ListedScripts listed = ListedScripts.await(ListedScripts.ahead(
                settings("filesystem:" + temp.resolve("no-such-folder")), backups));

        assertNotNull(listed.cache());
        assertNull(listed.migrations());
    }

    @Test
    void withoutTheBackupFolderThereAreNoFingerprintsAndEveryScriptIsRead() throws Exception {
        ListedScripts listed = ListedScripts.await(ListedScripts.ahead(settings("filesystem:" + temp),
                temp.resolve("backups")));

        assertNull(listed);
    }

    private static Settings settings(String locations) throws SluiceException {
        return new Settings.Builder().put(Setting.LOCATIONS, locations, "the test").build();
    }

    private static List<String> scripts(ListedScripts listed) {
        List<String> names = new ArrayList<>();
        for (ResolvedMigration migration : listed.migrations()) {
            names.add(migration.script());
        }
        return names;
    }
}
