package io.sluice.benchmarks.suite;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A JFR recording of the calling thread around a measured loop: execution and native-method
 * samples every millisecond, and every socket read (a round trip to PostgreSQL) with its stack.
 * Read back as shares of samples, which the cost model turns into milliseconds of the loop's time.
 */
final class Profile {
    static final int PERIOD_MILLIS = 10;

    private final Recording recording = new Recording();
    private final String thread = Thread.currentThread().getName();
    private final List<List<String>> samples = new ArrayList<>();
    private final List<List<String>> reads = new ArrayList<>();
    private long readNanos;

    private int javaSamples;
    private int nativeSamples;

    /**
     * Java and native samples at one period, so that time in Java code and time in native code
     * (SQLite's JNI calls, socket reads) weigh alike; the JDK does not sample native frames faster.
     */
    Profile() {
        recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(PERIOD_MILLIS)).withStackTrace();
        recording.enable("jdk.NativeMethodSample").withPeriod(Duration.ofMillis(PERIOD_MILLIS)).withStackTrace();
        recording.enable("jdk.SocketRead").withThreshold(Duration.ZERO).withStackTrace();
        recording.start();
    }

    Profile stop(Path file) throws IOException {
        recording.stop();
        recording.dump(file);
        recording.close();
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            String type = event.getEventType().getName();
            RecordedThread sampled = type.equals("jdk.SocketRead") ? event.getThread() : event.getThread("sampledThread");
            if (sampled == null || !thread.equals(sampled.getJavaName()) || event.getStackTrace() == null) {
                continue;
            }
            List<String> frames = frames(event.getStackTrace());
            if (type.equals("jdk.SocketRead")) {
                reads.add(frames);
                readNanos += event.getDuration().toNanos();
            } else {
                samples.add(frames);
                if (type.equals("jdk.ExecutionSample")) {
                    javaSamples++;
                } else {
                    nativeSamples++;
                }
            }
        }
        return this;
    }

    private static List<String> frames(RecordedStackTrace trace) {
        List<String> frames = new ArrayList<>();
        for (RecordedFrame frame : trace.getFrames()) {
            frames.add(frame.getMethod().getType().getName() + "." + frame.getMethod().getName());
        }
        return frames;
    }

    int sampleCount() {
        return samples.size();
    }

    /** How many samples were taken in Java code and in native code. */
    String sampleKinds() {
        return javaSamples + " in Java, " + nativeSamples + " in native code";
    }

    int socketReads() {
        return reads.size();
    }

    double socketReadMillis() {
        return readNanos / 1e6;
    }

    /** The share of samples with any frame that {@code frame} accepts. */
    double share(Predicate<String> frame) {
        if (samples.isEmpty()) {
            return 0;
        }
        int hits = 0;
        for (List<String> sample : samples) {
            if (sample.stream().anyMatch(frame)) {
                hits++;
            }
        }
        return (double) hits / samples.size();
    }

    /** The share of samples whose top frame {@code frame} accepts. */
    double selfShare(Predicate<String> frame) {
        if (samples.isEmpty()) {
            return 0;
        }
        return (double) samples.stream().filter(sample -> !sample.isEmpty() && frame.test(sample.get(0))).count()
                / samples.size();
    }

    /** Methods {@code frame} accepts, by the share of samples they are on the stack of, largest first. */
    Map<String, Double> inclusive(Predicate<String> frame, int limit) {
        Map<String, Integer> counts = new HashMap<>();
        for (List<String> sample : samples) {
            Set<String> seen = new HashSet<>();
            for (String method : sample) {
                if (frame.test(method) && seen.add(method)) {
                    counts.merge(method, 1, Integer::sum);
                }
            }
        }
        return largest(counts, samples.size(), limit);
    }

    /** Top frames (where the thread was), grouped by {@code group}, by share of samples. */
    Map<String, Double> self(java.util.function.Function<String, String> group, int limit) {
        Map<String, Integer> counts = new HashMap<>();
        for (List<String> sample : samples) {
            if (!sample.isEmpty()) {
                counts.merge(group.apply(sample.get(0)), 1, Integer::sum);
            }
        }
        return largest(counts, samples.size(), limit);
    }

    /**
     * Socket reads by call site: the innermost frame {@code caller} accepts, and the outermost
     * frame below it that {@code callee} accepts (the JDBC call it made).
     */
    Map<String, Double> readsBy(Predicate<String> caller, Predicate<String> callee, int limit) {
        Map<String, Integer> counts = new HashMap<>();
        for (List<String> read : reads) {
            String site = "(no caller frame)";
            for (int i = 0; i < read.size(); i++) {
                if (caller.test(read.get(i))) {
                    String call = "";
                    for (int j = i - 1; j >= 0; j--) {
                        if (callee.test(read.get(j))) {
                            call = " → " + read.get(j);
                            break;
                        }
                    }
                    site = read.get(i) + call;
                    break;
                }
            }
            counts.merge(site, 1, Integer::sum);
        }
        Map<String, Double> absolute = new LinkedHashMap<>();
        largest(counts, 1, limit).forEach(absolute::put);
        return absolute;
    }

    private static Map<String, Double> largest(Map<String, Integer> counts, int total, int limit) {
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort((a, b) -> b.getValue() - a.getValue());
        Map<String, Double> largest = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> entry : sorted.subList(0, Math.min(limit, sorted.size()))) {
            largest.put(entry.getKey(), (double) entry.getValue() / total);
        }
        return largest;
    }
}
