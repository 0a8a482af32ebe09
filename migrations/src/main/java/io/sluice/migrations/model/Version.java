package io.sluice.migrations.model;

import java.math.BigInteger;
import java.util.Arrays;

/** A migration version: dot-separated integers compared numerically, so {@code 1.10 > 1.9} and {@code 1.0 == 1}. */
public final class Version implements Comparable<Version> {
    /** Digits that always fit in a {@code long}: 18 nines is below {@link Long#MAX_VALUE}. */
    private static final int LONG_DIGITS = 18;

    /*
     * Every start compares every applied version, so the parts are longs; only a version with a part
     * beyond a long's range (Flyway allows any number of digits) keeps them all as BigIntegers.
     * Trailing zero parts are dropped: 1.0 and 1 are one version.
     */
    private final long[] parts;
    private final BigInteger[] bigParts;
    private final String text;

    private Version(long[] parts, BigInteger[] bigParts, String text) {
        this.parts = parts;
        this.bigParts = bigParts;
        this.text = text;
    }

    /**
     * Parses {@code 1}, {@code 1.1}, {@code 2025.12.29}; an underscore counts as a dot, as in
     * Flyway file names ({@code V1_1__x.sql} is version 1.1).
     */
    public static Version parse(String text) {
        String normalized = text.trim().replace('_', '.');
        int count = 1;
        for (int i = 0; i < normalized.length(); i++) {
            char c = normalized.charAt(i);
            if (c == '.') {
                count++;
            } else if (c < '0' || c > '9') {
                throw notAVersion(text);
            }
        }
        String[] digits = new String[count];
        int start = 0;
        boolean big = false;
        for (int i = 0; i < count; i++) {
            int end = normalized.indexOf('.', start);
            digits[i] = normalized.substring(start, end < 0 ? normalized.length() : end);
            if (digits[i].isEmpty()) {
                throw notAVersion(text);
            }
            big |= digits[i].length() > LONG_DIGITS && new BigInteger(digits[i]).bitLength() > 63;
            start = end + 1;
        }
        int length = count;
        while (length > 1 && isZero(digits[length - 1])) {
            length--;
        }
        if (big) {
            BigInteger[] bigParts = new BigInteger[length];
            for (int i = 0; i < length; i++) {
                bigParts[i] = new BigInteger(digits[i]);
            }
            return new Version(null, bigParts, normalized);
        }
        long[] parts = new long[length];
        for (int i = 0; i < length; i++) {
            parts[i] = Long.parseLong(digits[i]);
        }
        return new Version(parts, null, normalized);
    }

    private static boolean isZero(String digits) {
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }

    private static IllegalArgumentException notAVersion(String text) {
        return new IllegalArgumentException("not a version: '" + text + "'");
    }

    @Override
    public int compareTo(Version other) {
        if (parts == null || other.parts == null) {
            return compareBig(other);
        }
        int length = Math.max(parts.length, other.parts.length);
        for (int i = 0; i < length; i++) {
            int comparison = Long.compare(i < parts.length ? parts[i] : 0, i < other.parts.length ? other.parts[i] : 0);
            if (comparison != 0) {
                return comparison;
            }
        }
        return 0;
    }

    private int compareBig(Version other) {
        int length = Math.max(size(), other.size());
        for (int i = 0; i < length; i++) {
            int comparison = part(i).compareTo(other.part(i));
            if (comparison != 0) {
                return comparison;
            }
        }
        return 0;
    }

    private int size() {
        return parts != null ? parts.length : bigParts.length;
    }

    private BigInteger part(int i) {
        if (i >= size()) {
            return BigInteger.ZERO;
        }
        return parts != null ? BigInteger.valueOf(parts[i]) : bigParts[i];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Version && compareTo((Version) other) == 0;
    }

    /** Equal versions have the same parts once trailing zeros are dropped, and the same kind of parts. */
    @Override
    public int hashCode() {
        return parts != null ? Arrays.hashCode(parts) : Arrays.hashCode(bigParts);
    }

    /** As written in the file name, with dots: {@code 1.1}. */
    @Override
    public String toString() {
        return text;
    }
}
