package io.sluice.benchmarks.suite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The results folder: one TSV file per part of the suite (each written whole by one run, so the
 * ratios in it were measured side by side), read back together by the report.
 */
final class Results {
    private final Path folder;

    Results(Path folder) throws IOException {
        this.folder = Files.createDirectories(folder);
    }

    Path folder() {
        return folder;
    }

    Path file(String name) {
        return folder.resolve(name);
    }

    void write(String part, List<Row> rows) throws IOException {
        Files.write(folder.resolve(part + ".tsv"), Row.lines(rows));
        System.out.println("wrote " + folder.resolve(part + ".tsv"));
        rows.forEach(System.out::println);
    }

    /** Every row of every part, later files' rows after earlier ones. */
    List<Row> all() throws IOException {
        List<Row> rows = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".tsv")).sorted()::iterator) {
                Files.readAllLines(file).stream().skip(1).filter(line -> !line.isBlank()).map(Row::parse)
                        .forEach(rows::add);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return rows;
    }

    static Optional<Row> find(List<Row> rows, String figure, String db, int n, String tool) {
        Row found = null;
        for (Row row : rows) {
            if (row.figure.equals(figure) && row.db.equals(db) && row.n == n && row.tool.equals(tool)) {
                found = row;
            }
        }
        return Optional.ofNullable(found);
    }
}
