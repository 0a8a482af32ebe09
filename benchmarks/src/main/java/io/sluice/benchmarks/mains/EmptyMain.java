package io.sluice.benchmarks.mains;

/** The JVM alone: what every process figure pays before any tool runs. */
public final class EmptyMain {
    private EmptyMain() {
    }

    public static void main(String[] args) {
        Memory.report();
    }
}
