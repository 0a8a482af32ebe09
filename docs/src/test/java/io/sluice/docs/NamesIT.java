package io.sluice.docs;

import io.micrometer.core.instrument.Meter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sluice.Sluice;
import io.sluice.migrations.config.Setting;
import io.sluice.testing.JavaProcess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every command-line command and option, setting key, environment variable, agent argument, meter
 * and exit code that README.md and docs/*.md name exists: asked of the built tool, the settings
 * enum and a real gate's meters.
 */
class NamesIT {
    /** Names that look like settings but are not, each for a reason the page itself gives. */
    private static final Map<String, String> NOT_SETTINGS = Map.of(
            "sluice.properties", "the class path file",
            "sluice.lockTimout", "settings.md's example of a misspelt key",
            "sluice.updateDocs", "the switch of the test that regenerates settings.md",
            "SLUICE_TEST_PG_URL", "the PostgreSQL server the tests use");
    private static final Set<String> HISTORY_TABLES = Set.of("sluice_schema_history", "sluice_schema_history_lock");
    private static final Pattern SETTING = Pattern.compile("(?:(?<![.\\w])|(?<=-D))(sluice\\.[A-Za-z][\\w.-]*\\w)");
    private static final Pattern VARIABLE = Pattern.compile("\\bSLUICE_[A-Z0-9_]*[A-Z0-9]");
    private static final Pattern PROMETHEUS = Pattern.compile("(?<![.\\w])sluice_[a-z_]*[a-z]");
    private static final Pattern AGENT_ARGUMENTS = Pattern.compile("-javaagent:\\S+?\\.jar=([^\\s'\"`]+)");
    /** {@code ./sluice status}, {@code java -jar …-cli.jar status}, and {@code sluice status} opening a line or after {@code $ }. */
    private static final Pattern INVOCATION = Pattern.compile(
            "(?:\\./sluice|java -jar \\S+-cli\\.jar|(?:^\\s*|\\$ )sluice)\\s+([a-z][a-z-]*)([^`#|;]*)");
    private static final Pattern OPTION = Pattern.compile("(?<![\\w-])(--?[a-zA-Z][a-z-]*)");

    private static Map<String, Set<String>> commandOptions;
    private static Set<String> meters;
    private static Set<String> prometheusNames;

    @BeforeAll
    static void askTheToolAndAGate(@TempDir Path dir) throws Exception {
        commandOptions = new TreeMap<>();
        String root = help(dir);
        commandOptions.put("", options(root));
        for (String command : root.substring(root.indexOf("Commands:")).lines().skip(1)
                .map(line -> line.matches("  [a-z]+\\s.*") ? line.trim().split("\\s+")[0] : null)
                .filter(name -> name != null).toList()) {
            commandOptions.put(command, options(help(dir, command)));
        }

        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Sluice.meterRegistry(registry);
        Path sql = Files.createDirectories(dir.resolve("sql"));
        Files.writeString(sql.resolve("V1__notes.sql"), "CREATE TABLE notes (id INTEGER PRIMARY KEY);\n");
        DriverManager.getConnection("jdbc:sluice:sqlite:" + dir.resolve("notes.db") + "?sluice.locations=filesystem:" + sql)
                .close();
        Sluice.meterRegistry(null);
        meters = registry.getMeters().stream().map(meter -> meter.getId().getName()).collect(Collectors.toCollection(TreeSet::new));
        prometheusNames = registry.scrape().lines().filter(line -> line.startsWith("sluice_"))
                .map(line -> line.split("[{ ]")[0]).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String help(Path dir, String... command) throws Exception {
        List<String> args = new ArrayList<>(Arrays.asList(command));
        args.add("--help");
        JavaProcess.Result result = JavaProcess.of("io.sluice.cli.SluiceCli").classPath(Pages.CLI_JAR.toString())
                .args(args.toArray(new String[0])).run(Files.createTempFile(dir, "help", ".txt"), Duration.ofMinutes(1));
        assertEquals(0, result.exitCode(), args + ": " + result.output());
        return result.output();
    }

    /** The options a help text lists: {@code -h, --help}, {@code --url=<url>}. */
    private static Set<String> options(String help) {
        Set<String> options = new TreeSet<>();
        Matcher option = Pattern.compile("(?m)^\\s+(?:(-\\w), )?(--[a-z][a-z-]*)").matcher(help);
        while (option.find()) {
            if (option.group(1) != null) {
                options.add(option.group(1));
            }
            options.add(option.group(2));
        }
        return options;
    }

    /** Each match of a pattern in every page, as {@code page: match}. */
    private static Map<String, String> found(Pattern pattern, int group) throws Exception {
        Map<String, String> found = new LinkedHashMap<>();
        for (String page : Pages.all().keySet()) {
            String[] lines = Pages.text(page).split("\n");
            for (int i = 0; i < lines.length; i++) {
                Matcher matcher = pattern.matcher(lines[i]);
                while (matcher.find()) {
                    found.put(page + ":" + (i + 1) + ": " + matcher.group(group), matcher.group(group));
                }
            }
        }
        return found;
    }

    @Test
    void everyCommandAndOptionTheDocsRunExists() throws Exception {
        List<String> unknown = new ArrayList<>();
        Map<String, String> invocations = found(INVOCATION, 0);
        assertTrue(invocations.size() > 10, invocations.toString());
        for (Map.Entry<String, String> invocation : invocations.entrySet()) {
            Matcher parts = INVOCATION.matcher(invocation.getValue());
            assertTrue(parts.find());
            Set<String> options = commandOptions.get(parts.group(1));
            if (options == null) {
                unknown.add(invocation.getKey() + ": no command " + parts.group(1));
                continue;
            }
            Matcher option = OPTION.matcher(parts.group(2));
            while (option.find()) {
                if (!options.contains(option.group(1))) {
                    unknown.add(invocation.getKey() + ": " + parts.group(1) + " has no option " + option.group(1));
                }
            }
        }
        assertEquals(List.of(), unknown);
    }

    @Test
    void cliPageHasASectionPerCommandAndItsOptionTableHoldsOnlyRealOptions() throws Exception {
        String page = Pages.text("docs/cli.md");
        Set<String> headed = new TreeSet<>();
        Matcher heading = Pattern.compile("(?m)^### (.+)$").matcher(page);
        while (heading.find()) {
            headed.addAll(Arrays.asList(heading.group(1).split(",\\s*")));
        }
        Set<String> commands = new TreeSet<>(commandOptions.keySet());
        commands.remove("");
        assertEquals(commands, headed, "docs/cli.md has one ### section per command");

        String table = page.substring(page.indexOf("| option | meaning |"), page.indexOf("## Exit codes"));
        Matcher option = Pattern.compile("(?m)^\\| `(--?[a-z-]+)[^|]*\\|").matcher(table.replace("`, `", "` | `"));
        int rows = 0;
        while (option.find()) {
            rows++;
            assertTrue(commandOptions.get("status").contains(option.group(1)), "no option " + option.group(1));
        }
        assertTrue(rows >= 8, table);
    }

    @Test
    void everySettingKeyEnvironmentVariableAndAgentArgumentExists() throws Exception {
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, String> name : found(SETTING, 1).entrySet()) {
            if (!meters.contains(name.getValue()) && !NOT_SETTINGS.containsKey(name.getValue())
                    && !isSetting(name.getValue().substring(Setting.PREFIX.length()))) {
                unknown.add(name.getKey());
            }
        }
        Set<String> variables = new TreeSet<>();
        for (Setting setting : Setting.values()) {
            variables.add(setting.environmentVariable());
        }
        for (Map.Entry<String, String> name : found(VARIABLE, 0).entrySet()) {
            if (!variables.contains(name.getValue()) && !name.getValue().startsWith("SLUICE_PLACEHOLDERS_")
                    && !NOT_SETTINGS.containsKey(name.getValue())) {
                unknown.add(name.getKey());
            }
        }
        Map<String, String> agentArguments = found(AGENT_ARGUMENTS, 1);
        assertFalse(agentArguments.isEmpty());
        for (Map.Entry<String, String> arguments : agentArguments.entrySet()) {
            for (String pair : arguments.getValue().split(";")) {
                if (!isSetting(pair.substring(0, Math.max(0, pair.indexOf('='))))) {
                    unknown.add(arguments.getKey() + " (" + pair + ")");
                }
            }
        }
        assertEquals(List.of(), unknown);
    }

    /** A key without {@code sluice.}: a setting in camel or kebab case, a placeholder, or an instance's entry. */
    private static boolean isSetting(String key) {
        if (key.equals("placeholders") || key.startsWith("placeholders.")) {
            return true;
        }
        if (key.startsWith("instance.")) {
            String entry = key.substring(key.lastIndexOf('.') + 1);
            return Set.of("url", "user", "password").contains(entry) || Setting.find(entry) != null;
        }
        return Setting.find(key) != null;
    }

    @Test
    void everyMeterAndPrometheusSeriesTheDocsNameIsRecordedByARealGate() throws Exception {
        assertTrue(meters.contains("sluice.gate.duration") && meters.contains("sluice.backup.size"), meters.toString());
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, String> name : found(SETTING, 1).entrySet()) {
            String value = name.getValue();
            boolean looksLikeMeter = value.matches("sluice\\.(gate|migration|migrations)\\..*|sluice\\.backup\\..*");
            if (looksLikeMeter && !meters.contains(value)) {
                unknown.add(name.getKey());
            }
        }
        for (Map.Entry<String, String> name : found(PROMETHEUS, 0).entrySet()) {
            String series = name.getValue();
            if (!HISTORY_TABLES.contains(series)
                    && prometheusNames.stream().noneMatch(real -> real.equals(series) || real.startsWith(series + "_"))) {
                unknown.add(name.getKey());
            }
        }
        assertEquals(List.of(), unknown, "recorded: " + meters + " " + prometheusNames);
    }

    @Test
    void theExitCodeTableListsWhatTheToolReturns(@TempDir Path dir) throws Exception {
        String page = Pages.text("docs/cli.md");
        String table = page.substring(page.indexOf("## Exit codes"), page.indexOf("## Commands"));
        Set<Integer> documented = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\| (\\d) \\|").matcher(table);
        while (row.find()) {
            documented.add(Integer.parseInt(row.group(1)));
        }

        Path sql = Files.createDirectories(dir.resolve("sql"));
        Files.writeString(sql.resolve("V1__notes.sql"), "CREATE TABLE notes (id INTEGER PRIMARY KEY);\n");
        String[] on = {"--url", "jdbc:sqlite:" + dir.resolve("notes.db"), "--locations", "filesystem:" + sql};
        Map<Integer, Integer> returned = new TreeMap<>();
        returned.put(0, cli(dir, "migrate", on));
        returned.put(2, cli(dir, "status"));
        Files.writeString(sql.resolve("V2__purge.sql"), "DELETE FROM notes;\n");
        returned.put(1, cli(dir, "validate", on));
        returned.put(3, cli(dir, "status", on, "--check"));

        for (Map.Entry<Integer, Integer> code : returned.entrySet()) {
            assertEquals(code.getKey(), code.getValue());
        }
        assertEquals(returned.keySet(), documented);
    }

    private static int cli(Path dir, String command, String[] on, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of(on));
        args.addAll(List.of(more));
        return JavaProcess.of("io.sluice.cli.SluiceCli").classPath(Pages.CLI_JAR.toString())
                .args(args.toArray(new String[0])).run(Files.createTempFile(dir, "cli", ".txt"), Duration.ofMinutes(1))
                .exitCode();
    }

    private static int cli(Path dir, String command) throws Exception {
        return cli(dir, command, new String[0]);
    }
}
