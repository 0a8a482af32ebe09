package io.sluice.migrations.model;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A migration version: dot-separated integers compared numerically, so {@code 1.10 > 1.9} and {@code 1.0 == 1}. */
public final class Version implements Comparable<Version> {
    private final List<BigInteger> parts;
    private final String text;

    private Version(List<BigInteger> parts, String text) {
        this.parts = parts;
        this.text = text;
    }

    /**
     * Parses {@code 1}, {@code 1.1}, {@code 2025.12.29}; an underscore counts as a dot, as in
     * Flyway file names ({@code V1_1__x.sql} is version 1.1).
     */
    public static Version parse(String text) {
        String normalized = text.trim().replace('_', '.');
        if (normalized.isEmpty() || normalized.startsWith(".") || normalized.endsWith(".") || normalized.contains("..")) {
            throw new IllegalArgumentException("not a version: '" + text + "'");
        }
        List<BigInteger> parts = new ArrayList<>();
        for (String part : normalized.split("\\.")) {
            if (!part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("not a version: '" + text + "'");
            }
            parts.add(new BigInteger(part));
        }
        return new Version(Collections.unmodifiableList(parts), normalized);
    }

    @Override
    public int compareTo(Version other) {
        int length = Math.max(parts.size(), other.parts.size());
        for (int i = 0; i < length; i++) {
            BigInteger mine = i < parts.size() ? parts.get(i) : BigInteger.ZERO;
            BigInteger theirs = i < other.parts.size() ? other.parts.get(i) : BigInteger.ZERO;
            int comparison = mine.compareTo(theirs);
            if (comparison != 0) {
                return comparison;
            }
        }
        return 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Version && compareTo((Version) other) == 0;
    }

    @Override
    public int hashCode() {
        int last = parts.size();
        while (last > 1 && parts.get(last - 1).signum() == 0) {
            last--;
        }
        return parts.subList(0, last).hashCode();
    }

    /** As written in the file name, with dots: {@code 1.1}. */
    @Override
    public String toString() {
        return text;
    }
}
