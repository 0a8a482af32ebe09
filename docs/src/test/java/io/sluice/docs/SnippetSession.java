package io.sluice.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a page's runnable snippets as a reader would: in order, in one shell, in a fresh folder laid
 * out like the repository after {@code mvn package}. The module folders hold the built jars (links
 * to the real {@code target} folders); everything the snippets write lands in the fresh folder.
 */
final class SnippetSession {
    private static final Duration TIMEOUT = Duration.ofMinutes(4);
    private static final String FAILED = "@@failed";

    private final Path work;

    SnippetSession(Path work) {
        this.work = work;
    }

    /** Runs the snippets; returns null when every one did what its marker says, else why not. */
    String run(List<Snippet> snippets) throws Exception {
        layOut();
        StringBuilder script = new StringBuilder("set -eo pipefail\n");
        for (int i = 0; i < snippets.size(); i++) {
            Snippet snippet = snippets.get(i);
            if (snippet.file() != null) {
                Files.writeString(work.resolve(snippet.file()), snippet.text());
                continue;
            }
            script.append("echo '@@snippet ").append(i).append("'\n");
            if (snippet.expectedExit() == 0) {
                script.append(snippet.text());
            } else {
                // Run in a subshell so its status can be compared; what it defines is not kept.
                script.append("__status=0\n(\n").append(snippet.text()).append(") || __status=$?\n")
                        .append("if [ \"$__status\" != ").append(snippet.expectedExit()).append(" ]; then echo \"")
                        .append(FAILED).append(": exit $__status, expected ").append(snippet.expectedExit())
                        .append("\"; exit 97; fi\n");
            }
        }
        script.append("echo '@@done'\n");
        Path session = work.resolve(".session.sh");
        Files.writeString(session, script);
        Path output = work.resolve(".session.out");
        int exit = bash(session, output);
        return verdict(snippets, Files.readString(output, StandardCharsets.UTF_8), exit);
    }

    private int bash(Path script, Path output) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString()).directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Paths.get("/dev/null").toFile()));
        Map<String, String> environment = builder.environment();
        // The reader's shell, not the build's: no agent or Sluice setting leaks in from outside.
        environment.keySet().removeIf(name -> name.startsWith("SLUICE_") || name.endsWith("JAVA_OPTIONS")
                || name.equals("JAVA_TOOL_OPTIONS") || name.startsWith("MAVEN_"));
        String javaBin = Paths.get(System.getProperty("java.home"), "bin").toString();
        environment.put("PATH", work.resolve("bin") + ":" + javaBin + ":" + environment.getOrDefault("PATH", ""));
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
            return -1;
        }
        return process.exitValue();
    }

    private static String verdict(List<Snippet> snippets, String output, int exit) {
        String[] segments = output.split("(?m)^@@snippet ");
        for (int s = 1; s < segments.length; s++) {
            String segment = segments[s];
            int newline = segment.indexOf('\n');
            Snippet snippet = snippets.get(Integer.parseInt(segment.substring(0, newline).trim()));
            String said = segment.substring(newline + 1).replaceFirst("(?s)@@done\\s*$", "");
            boolean last = s == segments.length - 1;
            if (last && (exit != 0 || !output.stripTrailing().endsWith("@@done"))) {
                return failure(snippet, exit == -1 ? "did not finish within " + TIMEOUT : "ended with exit " + exit, said);
            }
            // The agent never stops an app it cannot serve, so a broken agent argument shows only here.
            if (snippet.expectedExit() == 0 && said.contains("SEVERE:")) {
                return failure(snippet, "logged SEVERE", said);
            }
        }
        return segments.length > 1 || exit == 0 ? null : "the page's shell failed before its first snippet:\n" + output;
    }

    private static String failure(Snippet snippet, String what, String output) {
        List<String> lines = output.lines().toList();
        List<String> tail = lines.subList(Math.max(0, lines.size() - 60), lines.size());
        return "the snippet at " + snippet + " " + what + ":\n" + snippet.text() + "--- its output:\n"
                + String.join("\n", tail);
    }

    private void layOut() throws IOException {
        for (String module : List.of("driver", "agent", "migrations")) {
            link(module + "/target");
        }
        // ./sluice rebuilds the jar when a source is newer; here the stand-in mvn has nothing to do.
        link("driver/src");
        link("migrations/src");
        try (DirectoryStream<Path> samples = Files.newDirectoryStream(Pages.ROOT.resolve("samples"), Files::isDirectory)) {
            for (Path sample : samples) {
                link("samples/" + sample.getFileName() + "/target");
                link("samples/" + sample.getFileName() + "/migrations");
            }
        }
        Path sluice = Files.copy(Pages.ROOT.resolve("sluice"), work.resolve("sluice"));
        Files.setPosixFilePermissions(sluice, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path mvn = Files.createDirectories(work.resolve("bin")).resolve("mvn");
        Files.writeString(mvn, String.join("\n",
                "#!/usr/bin/env bash",
                "# The docs test runs inside the build that made the jars: packaging them again has nothing to do.",
                "case \" $* \" in *\" -Pbench \"*) ;; *\" package \"*) exit 0 ;; esac",
                "echo \"mvn $*: the docs test runs no build beyond the jars already packaged; mark this snippet"
                        + " <!-- not runnable: why -->\" >&2",
                "exit 97", ""));
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private void link(String path) throws IOException {
        Path target = Pages.ROOT.resolve(path);
        if (Files.exists(target)) {
            Path link = work.resolve(path);
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, target);
        }
    }
}
