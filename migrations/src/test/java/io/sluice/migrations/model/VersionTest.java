package io.sluice.migrations.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VersionTest {
    private static Version v(String text) {
        return Version.parse(text);
    }

    @Test
    void partsCompareAsNumbersNotAsText() {
        assertTrue(v("1.10").compareTo(v("1.9")) > 0);
        assertTrue(v("1.9").compareTo(v("1.10")) < 0);
        assertTrue(v("10").compareTo(v("9")) > 0);
        assertTrue(v("2025.12.29").compareTo(v("2025.2.30")) > 0);
    }

    @Test
    void longerVersionWithNonZeroTailIsHigher() {
        assertTrue(v("1.0.1").compareTo(v("1")) > 0);
        assertTrue(v("1").compareTo(v("1.0.1")) < 0);
    }

    @Test
    void trailingZerosDoNotChangeTheVersion() {
        assertEquals(0, v("1.0").compareTo(v("1")));
        assertEquals(v("1"), v("1.0"));
        assertEquals(v("1.0.0"), v("1"));
        assertEquals(v("1").hashCode(), v("1.0").hashCode());
        assertEquals(v("1").hashCode(), v("1.0.0").hashCode());
    }

    @Test
    void leadingZerosInAPartDoNotChangeTheVersion() {
        assertEquals(v("1.1"), v("1.01"));
        assertEquals(v("1.1").hashCode(), v("1.01").hashCode());
    }

    @Test
    void differentVersionsAreNotEqual() {
        assertNotEquals(v("1.1"), v("1.10"));
        assertNotEquals(v("1"), v("1.0.1"));
    }

    @Test
    void numbersBeyondLongRangeCompare() {
        assertTrue(v("99999999999999999999").compareTo(v("9223372036854775807")) > 0);
    }

    @Test
    void partsBeyondLongRangeCompareWithEveryOtherVersion() {
        Version huge = v("1.99999999999999999999");
        assertTrue(huge.compareTo(v("1.9223372036854775807")) > 0);
        assertTrue(v("1.9223372036854775807").compareTo(huge) < 0);
        assertTrue(huge.compareTo(v("2")) < 0);
        assertTrue(v("1.99999999999999999999.1").compareTo(huge) > 0);
        assertEquals(huge, v("1.99999999999999999999.0"));
        assertEquals(huge.hashCode(), v("1.099999999999999999999.0").hashCode());
        assertEquals(v("1.5"), v("1.000000000000000000000005"), "leading zeros beyond 18 digits still fit a long");
    }

    @Test
    void underscoreCountsAsDot() {
        assertEquals(v("1.1"), v("1_1"));
        assertEquals("1.2.3", v("1_2_3").toString());
    }

    @Test
    void toStringKeepsTheVersionAsWrittenWithDots() {
        assertEquals("1.10", v("1.10").toString());
        assertEquals("1.0", v("1.0").toString());
    }

    @Test
    void sortingUsesNumericOrder() {
        List<Version> versions = new ArrayList<>(List.of(v("1.10"), v("2"), v("1.9"), v("1"), v("1.1")));
        Collections.sort(versions);
        assertEquals(List.of("1", "1.1", "1.9", "1.10", "2"), versions.stream().map(Version::toString).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1..2", "a", "", " ", ".1", "1.", "1.a", "-1", "1-2", "1__2", "v1"})
    void malformedVersionIsRejectedNamingIt(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Version.parse(text));
        assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
    }
}
