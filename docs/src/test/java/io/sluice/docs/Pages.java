package io.sluice.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The pages users read, README.md and docs/*.md, and the built jars their commands run. */
final class Pages {
    static final Path ROOT = Paths.get(System.getProperty("docs.root", "..")).toAbsolutePath().normalize();
    static final String VERSION = System.getProperty("docs.version", "0.1.0-SNAPSHOT");
    static final Path CLI_JAR = ROOT.resolve("driver/target/sluice-driver-" + VERSION + "-cli.jar");

    private Pages() {
    }

    /** Each page's name as messages give it (README.md, docs/cli.md) and its path, README first. */
    static Map<String, Path> all() throws IOException {
        Map<String, Path> pages = new LinkedHashMap<>();
        pages.put("README.md", ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted()
                    .forEach(path -> pages.put("docs/" + path.getFileName(), path));
        }
        return pages;
    }

    static List<Snippet> snippets() throws Exception {
        List<Snippet> snippets = new ArrayList<>();
        for (Map.Entry<String, Path> page : all().entrySet()) {
            snippets.addAll(Snippet.of(page.getValue(), page.getKey()));
        }
        return snippets;
    }

    static String text(String page) throws IOException {
        return Files.readString(all().get(page));
    }
}
