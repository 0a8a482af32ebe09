package io.sluice.docs;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The shell and properties snippets of README.md and docs/*.md, run literally against the built
 * jars: each page's runnable ones in order in one shell, as a reader would type them.
 */
class SnippetsIT {
    @TempDir
    Path temp;

    @Test
    void everyShellAndPropertiesSnippetSaysWhetherItRuns() throws Exception {
        List<String> unmarked = new ArrayList<>();
        for (Snippet snippet : Pages.snippets()) {
            if (snippet.marker() == null) {
                if (snippet.isShellOrProperties()) {
                    unmarked.add(snippet + " has no <!-- runnable --> or <!-- not runnable: why --> on the line above");
                }
            } else if (!snippet.runs() && snippet.whyNotRunnable().isEmpty()) {
                unmarked.add(snippet + " says it does not run but not why");
            } else if (snippet.runs() && !snippet.isShellOrProperties() && snippet.file() == null) {
                unmarked.add(snippet + " is ```" + snippet.language() + "; only sh runs (other snippets may be file=NAME)");
            }
        }
        assertEquals(List.of(), unmarked);
    }

    @TestFactory
    Stream<DynamicTest> eachPageRunsAsWritten() throws Exception {
        assertTrue(Files.exists(Pages.CLI_JAR), "build the jars first (mvn package): " + Pages.CLI_JAR);
        Map<String, List<Snippet>> pages = new LinkedHashMap<>();
        for (Snippet snippet : Pages.snippets()) {
            if (snippet.runs()) {
                pages.computeIfAbsent(snippet.page(), page -> new ArrayList<>()).add(snippet);
            }
        }
        assertTrue(pages.containsKey("README.md") && pages.containsKey("docs/cli.md"), pages.keySet().toString());
        return pages.entrySet().stream().map(page -> DynamicTest.dynamicTest(page.getKey(), () -> {
            Path work = Files.createDirectories(temp.resolve(page.getKey().replace('/', '_')));
            assertNull(new SnippetSession(work).run(page.getValue()));
        }));
    }

    /**
     * Tomcat's catalina.sh hands CATALINA_OPTS to {@code eval}, which reads it again as shell code:
     * an unquoted {@code ;} there ends the java command. The documented setenv.sh line must come
     * out of that as options only.
     */
    @Test
    void theTomcatLineSurvivesCatalinaShEval() throws Exception {
        Snippet setenv = Pages.snippets().stream().filter(s -> s.text().startsWith("CATALINA_OPTS=")).findFirst()
                .orElseThrow(() -> new AssertionError("docs/agent.md shows no CATALINA_OPTS line"));
        Path script = temp.resolve("catalina.sh");
        Files.writeString(script, "CATALINA_OPTS=-Xmx512m\n" + setenv.text()
                + "eval \"set -- \\\"-server\\\" $CATALINA_OPTS \\\"org.apache.catalina.startup.Bootstrap\\\" start\"\n"
                + "printf '%s\\n' \"$@\"\n");
        Process bash = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true).start();
        assertTrue(bash.waitFor(30, TimeUnit.SECONDS));
        List<String> words = new String(bash.getInputStream().readAllBytes()).lines().toList();

        assertEquals(0, bash.exitValue(), String.join("\n", words));
        assertEquals("-server", words.get(0), words.toString());
        assertEquals(List.of("org.apache.catalina.startup.Bootstrap", "start"), words.subList(words.size() - 2, words.size()));
        for (String word : words.subList(1, words.size() - 2)) {
            if (!word.startsWith("-")) {
                fail(setenv + ": catalina.sh would pass " + word + " as an argument, not an option: " + words);
            }
        }
        assertTrue(words.stream().anyMatch(word -> word.startsWith("-javaagent:")), words.toString());
    }
}
