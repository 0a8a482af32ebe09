package io.sluice.agent;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UrlFilterTest {
    @Test
    void withoutGlobsEveryUrlIsGated() {
        assertTrue(new UrlFilter(List.of(), List.of()).gates("jdbc:sqlite:/data/app.db"));
    }

    @Test
    void aStarMatchesAnyRunOfCharactersAndTheGlobMatchesTheWholeUrl() {
        UrlFilter filter = new UrlFilter(List.of("jdbc:sqlite:*/orders.db"), List.of());
        assertTrue(filter.gates("jdbc:sqlite:/data/shop/orders.db"));
        assertFalse(filter.gates("jdbc:sqlite:/data/shop/orders.db.bak"), "the glob is anchored at the end");
        assertFalse(filter.gates("jdbc:postgresql://db/orders.db"));
    }

    @Test
    void everythingButTheStarIsLiteral() {
        UrlFilter filter = new UrlFilter(List.of("jdbc:postgresql://db:5432/shop?ssl=true"), List.of());
        assertTrue(filter.gates("jdbc:postgresql://db:5432/shop?ssl=true"));
        assertFalse(filter.gates("jdbc:postgresql://db:5432/shopXssl=true"), "? and . are not wildcards");
    }

    @Test
    void excludeWinsOverInclude() {
        UrlFilter filter = new UrlFilter(List.of("jdbc:sqlite:*"), List.of("*cache*", "*.tmp"));
        assertTrue(filter.gates("jdbc:sqlite:app.db"));
        assertFalse(filter.gates("jdbc:sqlite:/var/cache/app.db"));
        assertFalse(filter.gates("jdbc:sqlite:scratch.tmp"));
    }
}
