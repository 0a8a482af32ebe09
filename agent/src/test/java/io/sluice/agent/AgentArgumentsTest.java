package io.sluice.agent;

import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgentArgumentsTest {
    @Test
    void keysGetTheSluicePrefixAndValuesKeepTheirEqualsSigns() {
        Properties settings = AgentArguments.parse("locations=filesystem:db,classpath:db/migration;placeholders.filter=a=b;");

        assertEquals("filesystem:db,classpath:db/migration", settings.getProperty("sluice.locations"));
        assertEquals("a=b", settings.getProperty("sluice.placeholders.filter"));
        assertEquals(2, settings.size());
    }

    @Test
    void aPrefixedKeyIsTakenAsItIs() {
        assertEquals("none", AgentArguments.parse("sluice.backup=none").getProperty("sluice.backup"));
    }

    @Test
    void noArgumentsAreNoSettings() {
        assertTrue(AgentArguments.parse(null).isEmpty());
        assertTrue(AgentArguments.parse(" ; ").isEmpty());
    }

    @Test
    void aMisspeltKeyIsRefusedWithTheSettingItMeant() {
        IllegalArgumentException refusal = assertThrows(IllegalArgumentException.class,
                () -> AgentArguments.parse("locatoins=filesystem:db"));

        assertEquals("agent argument locatoins is not a Sluice setting; did you mean locations?", refusal.getMessage());
    }

    @Test
    void aPieceWithoutKeyIsRefusedWithoutEchoingIt() {
        IllegalArgumentException refusal = assertThrows(IllegalArgumentException.class,
                () -> AgentArguments.parse("locations=db;s3cret"));

        assertTrue(refusal.getMessage().startsWith("agent argument 2 is not key=value"), refusal.getMessage());
        assertFalse(refusal.getMessage().contains("s3cret"));
    }
}
