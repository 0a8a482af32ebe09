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
        UrlFilter filter = new UrlFilter(List.of("jdbc:sqlite:/data/app.db"), List.of());
        assertTrue(filter.gates("jdbc:sqlite:/data/app.db"));
        assertFalse(filter.gates("jdbc:sqlite:/data/appXdb"), ". is not a wildcard");
    }

    @Test
    void theQueryStringIsIgnoredInTheUrlAndInTheGlob() {
        UrlFilter filter = new UrlFilter(List.of("jdbc:postgresql://*/shop*"), List.of("*/shop_reports"));
        assertTrue(filter.gates("jdbc:postgresql://db:5432/shop?sslmode=require"));
        assertFalse(filter.gates("jdbc:postgresql://db/shop_reports?user=app"), "the exclude glob means that database");
        assertFalse(filter.gates("jdbc:postgresql://db/shop_reports?user=app&ApplicationName=x/shop"));
        assertTrue(new UrlFilter(List.of("jdbc:postgresql://db/shop?ssl=true"), List.of()).gates("jdbc:postgresql://db/shop"),
                "a glob's own query string is ignored too");
        assertFalse(new UrlFilter(List.of("*sslmode=require*"), List.of()).gates("jdbc:postgresql://db/shop?sslmode=require"),
                "parameters never choose a database");
    }

    @Test
    void excludeWinsOverInclude() {
        UrlFilter filter = new UrlFilter(List.of("jdbc:sqlite:*"), List.of("*cache*", "*.tmp"));
        assertTrue(filter.gates("jdbc:sqlite:app.db"));
        assertFalse(filter.gates("jdbc:sqlite:/var/cache/app.db"));
        assertFalse(filter.gates("jdbc:sqlite:scratch.tmp"));
    }
}
