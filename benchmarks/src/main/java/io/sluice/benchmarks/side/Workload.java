package io.sluice.benchmarks.side;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The generated migrations: {@code V<i>__table_<i>.sql}, each a {@code CREATE TABLE}, a
 * {@code CREATE INDEX} and two {@code INSERT}s, valid on SQLite and PostgreSQL alike.
 */
public final class Workload {
    /** Statements per script, for per-statement figures. */
    public static final int STATEMENTS = 4;

    private final int count;
    private final Path folder;

    private Workload(int count, Path folder) {
        this.count = count;
        this.folder = folder;
    }

    /** Writes {@code count} scripts into {@code root/n<count>} (reused when already there). */
    public static Workload generate(Path root, int count) throws IOException {
        Path folder = Files.createDirectories(root.resolve("n" + count));
        for (int i = 1; i <= count; i++) {
            Path script = folder.resolve(scriptName(i));
            if (!Files.exists(script)) {
                Files.writeString(script, script(i));
            }
        }
        return new Workload(count, folder);
    }

    static String scriptName(int version) {
        return "V" + version + "__table_" + version + ".sql";
    }

    static String script(int i) {
        return "CREATE TABLE t" + i + " (id INTEGER PRIMARY KEY, name VARCHAR(64) NOT NULL, amount INTEGER);\n"
                + "CREATE INDEX t" + i + "_name ON t" + i + " (name);\n"
                + "INSERT INTO t" + i + " (id, name, amount) VALUES (1, 'first', 10);\n"
                + "INSERT INTO t" + i + " (id, name, amount) VALUES (2, 'second', 20);\n";
    }

    public int count() {
        return count;
    }

    public Path folder() {
        return folder;
    }

    /** A {@code filesystem:} location, as Flyway and Sluice both spell it. */
    public String location() {
        return "filesystem:" + folder.toAbsolutePath();
    }

    /** The scripts in version order. */
    public List<Path> scripts() {
        List<Path> scripts = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            scripts.add(folder.resolve(scriptName(i)));
        }
        return scripts;
    }
}
