package io.sluice.benchmarks.mains;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Properties;

/** What every tiny main prints last, for the process runner: peak RSS and heap in use, in KiB. */
final class Memory {
    private Memory() {
    }

    /** Prints the main's own work time (from {@code start}, nanoTime), then RSS and heap. */
    static void report(long start) {
        System.out.println("bench: work_ms=" + (System.nanoTime() - start) / 1_000_000);
        report();
    }

    static void report() {
        long rss = -1;
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: RSS stays unknown
        }
        Runtime runtime = Runtime.getRuntime();
        System.out.println("bench: rss_kib=" + rss + " heap_kib=" + (runtime.totalMemory() - runtime.freeMemory()) / 1024);
    }

    /** The login for a user argument; {@code -} for none. */
    static Properties login(String user) {
        Properties login = new Properties();
        if (!user.equals("-")) {
            login.setProperty("user", user);
        }
        return login;
    }
}
