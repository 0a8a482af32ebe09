package io.sluice.benchmarks.suite;

import io.sluice.benchmarks.side.ColdApplyBenchmark;
import io.sluice.benchmarks.side.UpToDateBenchmark;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.util.Statistics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The in-process figures through JMH: cold apply (one whole apply per iteration, a fresh database
 * each) and up to date (average time over one-second iterations), every tool in the same run.
 */
final class InProcess {
    private InProcess() {
    }

    /**
     * @param which    {@code cold}, {@code uptodate} or both
     * @param coldRuns measured iterations of a cold apply (each one whole apply)
     */
    static List<Row> run(List<String> which, List<String> dbs, List<Integer> counts, List<String> tools,
                         int coldWarmups, int coldRuns, int upToDateIterations) throws RunnerException {
        List<Row> rows = new ArrayList<>();
        String toolPattern = tools.isEmpty() ? "\\w+" : "(" + String.join("|", tools) + ")";
        String[] db = dbs.toArray(new String[0]);
        String[] n = counts.stream().map(String::valueOf).toArray(String[]::new);
        if (which.contains("cold")) {
            ChainedOptionsBuilder options = new OptionsBuilder()
                    .include(ColdApplyBenchmark.class.getName().replace(".", "\\.") + "\\." + toolPattern + "$")
                    .param("db", db).param("migrations", n)
                    .warmupIterations(coldWarmups).measurementIterations(coldRuns).forks(1)
                    .shouldFailOnError(true);
            rows.addAll(rows("cold-apply", new Runner(options.build()).run()));
        }
        if (which.contains("uptodate")) {
            // Sluice's start kept getting faster for ~5 s of calls (the JIT at work): two warm-up
            // seconds left that in the first measured iterations (9.0 ms falling to 5.8).
            ChainedOptionsBuilder options = new OptionsBuilder()
                    .include(UpToDateBenchmark.class.getName().replace(".", "\\.") + "\\." + toolPattern + "$")
                    .param("db", db).param("migrations", n)
                    .warmupIterations(Math.max(5, upToDateIterations)).measurementIterations(upToDateIterations)
                    .forks(1).shouldFailOnError(true);
            rows.addAll(rows("up-to-date", new Runner(options.build()).run()));
        }
        return rows;
    }

    private static List<Row> rows(String figure, Iterable<RunResult> results) {
        List<Row> rows = new ArrayList<>();
        for (RunResult result : results) {
            String benchmark = result.getParams().getBenchmark();
            String tool = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            Statistics statistics = result.getPrimaryResult().getStatistics();
            Map<String, String> extra = new LinkedHashMap<>();
            extra.put("mean_ms", Row.format(statistics.getMean()));
            extra.put("error_ms", Row.format(result.getPrimaryResult().getScoreError()));
            rows.add(new Row(figure, result.getParams().getParam("db"),
                    Integer.parseInt(result.getParams().getParam("migrations")), tool,
                    statistics.getPercentile(50), statistics.getMin(), statistics.getMax(), (int) statistics.getN(),
                    extra));
        }
        return rows;
    }
}
