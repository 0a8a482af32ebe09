package io.sluice.migrations.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keeps docs/settings.md generated from {@link Setting}. Regenerate the table with {@link #REGENERATE}. */
class SettingsReferenceTest {
    /**
     * Run from the repository's root. {@code -am} builds the test helpers this module's tests need
     * (they are in no Maven repository), and the last flag lets those modules run no test.
     */
    static final String REGENERATE = "mvn -B -q -pl migrations -am test -Dtest=SettingsReferenceTest "
        + "-Dsluice.updateDocs=true -Dsurefire.failIfNoSpecifiedTests=false";
    /** Tests run in migrations/, the docs live at the repository root. */
    private static final Path PAGE = Path.of("..", "docs", "settings.md");
    private static final String BEGIN = "<!-- settings:begin -->";
    private static final String END = "<!-- settings:end -->";

    static String table() {
        StringBuilder table = new StringBuilder("| key | default | meaning |\n|---|---|---|\n");
        for (Setting setting : Setting.values()) {
            String value = setting.defaultValue();
            table.append("| `").append(setting.property()).append("` | ")
                .append(value == null ? "—" : "`" + value + "`").append(" | ")
                .append(setting.description().replace("|", "\\|")).append(" |\n");
        }
        return table.toString();
    }

    @Test
    void settingsPageHoldsTheTableGeneratedFromTheEnum() throws IOException {
        String page = Files.readString(PAGE);
        int begin = page.indexOf(BEGIN + "\n");
        int end = page.indexOf(END, Math.max(begin, 0));
        if (begin < 0 || end < 0) {
            fail(PAGE.toAbsolutePath().normalize() + " needs the lines " + BEGIN + " and " + END);
        }
        String current = page.substring(begin + BEGIN.length() + 1, end);
        if (Boolean.getBoolean("sluice.updateDocs") && !current.equals(table())) {
            page = page.substring(0, begin + BEGIN.length() + 1) + table() + page.substring(end);
            Files.writeString(PAGE, page);
            current = table();
        }
        assertEquals(table(), current, PAGE.toAbsolutePath().normalize() + " is out of date with Setting; run "
            + REGENERATE);
    }

    @Test
    void settingsPageGivesTheCommandThatRegeneratesIt() throws IOException {
        assertTrue(Files.readString(PAGE).contains("\n" + REGENERATE + "\n"), PAGE + " must show: " + REGENERATE);
    }

    @Test
    void tableHasOneRowPerSettingInEnumOrder() {
        String[] lines = table().split("\n");

        assertEquals(Setting.values().length + 2, lines.length);
        for (Setting setting : Setting.values()) {
            assertTrue(lines[setting.ordinal() + 2].startsWith("| `sluice." + setting.key() + "` | "),
                lines[setting.ordinal() + 2]);
        }
        assertTrue(table().contains("| `sluice.backupDir` | — | "), table());
        assertTrue(table().contains("| `sluice.lockTimeout` | `PT10M` | "), table());
    }

    @Test
    void settingsAreSortedByKey() {
        List<String> keys = Arrays.stream(Setting.values()).map(Setting::key).toList();
        List<String> sorted = new ArrayList<>(keys);
        sorted.sort(null);

        assertEquals(sorted, keys);
    }

    @Test
    void everySettingHasADescription() {
        for (Setting setting : Setting.values()) {
            assertFalse(setting.description() == null || setting.description().isBlank(), setting.key());
        }
    }

    @Test
    void everyDefaultIsAValidValueOfItsSetting() throws Exception {
        for (Setting setting : Setting.values()) {
            if (setting.defaultValue() != null) {
                new Settings.Builder().put(setting, setting.defaultValue(), "the default");
            }
            if (!setting.choices().isEmpty()) {
                assertTrue(setting.choices().contains(setting.defaultValue()), setting.key());
            }
        }
    }

    @Test
    void everyEnvironmentVariableIsDistinct() {
        assertEquals(Setting.values().length,
            Arrays.stream(Setting.values()).map(Setting::environmentVariable).distinct().count());
    }
}
