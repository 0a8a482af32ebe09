package io.sluice.migrations.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedactTest {
    @Test
    void userInfoIsMasked() {
        assertEquals("jdbc:postgresql://***@db:5432/shop", Redact.url("jdbc:postgresql://bob:hunter2@db:5432/shop"));
    }

    @Test
    void passwordAndKeyParametersAreMaskedOthersKept() {
        assertEquals("jdbc:postgresql://db/shop?password=***&sslmode=require&sslpassword=***&key=***&ApplicationName=x",
            Redact.url("jdbc:postgresql://db/shop?password=pw1&sslmode=require&sslpassword=pw2&key=k3&ApplicationName=x"));
    }

    @Test
    void parameterNamesAreMatchedIgnoringCase() {
        assertEquals("jdbc:x://db/shop?PASSWORD=***&Token=***", Redact.url("jdbc:x://db/shop?PASSWORD=a&Token=b"));
    }

    @Test
    void semicolonSeparatedParametersAreMasked() {
        assertEquals("jdbc:sqlserver://db:1433;databaseName=shop;user=***;password=***",
            Redact.url("jdbc:sqlserver://db:1433;databaseName=shop;user=sa;password=pw"));
    }

    @Test
    void userInfoAndParametersTogether() {
        String redacted = Redact.url("jdbc:mysql://root:pw1@db/shop?password=pw2&secret=pw3");

        assertEquals("jdbc:mysql://***@db/shop?password=***&secret=***", redacted);
    }

    @Test
    void passwordContainingAtSignIsMaskedWhole() {
        String redacted = Redact.url("jdbc:mysql://bob:p@ss@db/shop");

        assertFalse(redacted.contains("ss"), redacted);
        assertEquals("jdbc:mysql://***@db/shop", redacted);
    }

    @Test
    void semicolonPasswordContainingAtSignIsMaskedWhole() {
        String redacted = Redact.url("jdbc:sqlserver://db:1433;user=sa;password=p@ss");

        assertEquals("jdbc:sqlserver://db:1433;user=***;password=***", redacted);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:sqlite:/data/app.db", "jdbc:postgresql://db:5432/shop?sslmode=require",
        "jdbc:sqlite:file:app.db?mode=ro", "jdbc:postgresql://db/shop?keyword=x"})
    void urlWithoutCredentialsIsUnchanged(String url) {
        assertEquals(url, Redact.url(url));
    }

    @Test
    void nullStaysNull() {
        assertNull(Redact.url(null));
    }
}
