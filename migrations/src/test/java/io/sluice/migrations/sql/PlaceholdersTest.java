package io.sluice.migrations.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Collections;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PlaceholdersTest {
    private final AtomicInteger taken = new AtomicInteger();
    private final Placeholders placeholders = Placeholders.of(Collections.<String, String>emptyMap(),
            Map.of("table", "history"), () -> "2026-12-02 21:00:0" + taken.incrementAndGet(), true);

    @Test
    void theTimestampIsNotTakenWhenNoScriptUsesIt() {
        assertEquals("SELECT 1 FROM history", placeholders.forScript("V1__a.sql").replace("SELECT 1 FROM ${sluice:table}"));
        assertEquals(0, taken.get());
    }

    @Test
    void theTimestampIsTakenOnceAndEveryScriptOfTheRunSeesTheSameValue() {
        String first = placeholders.forScript("V1__a.sql").replace("-- ${sluice:timestamp}");
        String second = placeholders.forScript("V2__b.sql").replace("-- ${flyway:timestamp}");
        assertEquals("-- 2026-12-02 21:00:01", first);
        assertEquals(first, second);
        assertEquals(1, taken.get());
    }
}
