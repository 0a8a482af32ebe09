package io.sluice.migrations.dialect.postgres;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The scratch database's URL: the server's, with the scratch database and the original's schema. */
class PostgresScratchTest {
    @Test
    void theScratchUrlKeepsTheServerAndItsParametersAndNamesTheScratchDatabase() {
        assertEquals("jdbc:postgresql://db:5432/shop_rehearse_1?sslmode=require",
                PostgresScratch.scratchUrl("jdbc:postgresql://db:5432/shop?sslmode=require", "shop_rehearse_1", "public"));
        assertEquals("jdbc:postgresql://db/shop_rehearse_1",
                PostgresScratch.scratchUrl("jdbc:postgresql://db/", "shop_rehearse_1", "public"));
        assertEquals("jdbc:postgresql://db/shop_rehearse_1",
                PostgresScratch.scratchUrl("jdbc:postgresql://db", "shop_rehearse_1", "public"));
        assertEquals("jdbc:postgresql:shop_rehearse_1", PostgresScratch.scratchUrl("jdbc:postgresql:shop", "shop_rehearse_1", "public"));
    }

    @Test
    void aSchemaOtherThanPublicIsNamedSoTheGateOnTheCopyWorksThere() {
        assertEquals("jdbc:postgresql://staging/shop_rehearse_1?currentSchema=billing",
                PostgresScratch.scratchUrl("jdbc:postgresql://staging/postgres", "shop_rehearse_1", "billing"));
        assertEquals("jdbc:postgresql://db/shop_rehearse_1?currentSchema=billing&ssl=true",
                PostgresScratch.scratchUrl("jdbc:postgresql://db/shop?currentSchema=billing&ssl=true", "shop_rehearse_1", "billing"));
    }
}
