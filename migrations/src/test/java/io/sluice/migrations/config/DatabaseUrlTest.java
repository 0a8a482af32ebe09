package io.sluice.migrations.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.migrations.error.Problem;
import io.sluice.migrations.error.SluiceException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseUrlTest {
    @Test
    void sluiceParametersAreRemovedFromTheDelegateUrl() throws Exception {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:sluice:sqlite:app.db?sluice.table=h&foo=1");

        assertEquals("jdbc:sqlite:app.db?foo=1", url.delegateUrl());
        assertEquals(Map.of("sluice.table", "h"), url.parameters());
    }

    @Test
    void onlySluiceParametersLeaveNoQuestionMark() throws Exception {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:sluice:sqlite:app.db?sluice.table=h&sluice.onFuture=fail");

        assertEquals("jdbc:sqlite:app.db", url.delegateUrl());
        assertEquals(Map.of("sluice.table", "h", "sluice.onFuture", "fail"), url.parameters());
    }

    @Test
    void delegateParametersKeepTheirOrderAndEncoding() throws Exception {
        DatabaseUrl url = DatabaseUrl.parse(
            "jdbc:sluice:postgresql://db:5432/shop?sslmode=require&sluice.table=h&application_name=a%20b&&x=1");

        assertEquals("jdbc:postgresql://db:5432/shop?sslmode=require&application_name=a%20b&x=1", url.delegateUrl());
    }

    @Test
    void sluiceParametersArePercentDecoded() throws Exception {
        DatabaseUrl url = DatabaseUrl.parse(
            "jdbc:sluice:sqlite:app.db?sluice.backupDir=%2Fvar%2Fbackups%2Fapp&sluice.locations=filesystem%3A%2Fsql%2Cclasspath%3Adb");

        assertEquals("/var/backups/app", url.parameters().get("sluice.backupDir"));
        assertEquals("filesystem:/sql,classpath:db", url.parameters().get("sluice.locations"));
    }

    @Test
    void parameterWithoutValueIsEmpty() throws Exception {
        assertEquals(Map.of("sluice.enabled", ""), DatabaseUrl.parse("jdbc:sluice:sqlite:a.db?sluice.enabled").parameters());
    }

    @Test
    void plainJdbcUrlIsAcceptedUnchanged() throws Exception {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:sqlite:x.db");

        assertEquals("jdbc:sqlite:x.db", url.delegateUrl());
        assertEquals(Map.of(), url.parameters());
    }

    @Test
    void plainJdbcUrlMayCarrySluiceParametersToo() throws Exception {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:sqlite:x.db?sluice.table=h");

        assertEquals("jdbc:sqlite:x.db", url.delegateUrl());
        assertEquals(Map.of("sluice.table", "h"), url.parameters());
    }

    @Test
    void isSluiceUrlOnlyForTheSluicePrefix() {
        assertTrue(DatabaseUrl.isSluiceUrl("jdbc:sluice:sqlite:a.db"));
        assertFalse(DatabaseUrl.isSluiceUrl("jdbc:sqlite:a.db"));
        assertFalse(DatabaseUrl.isSluiceUrl("jdbc:SLUICE:sqlite:a.db"));
        assertFalse(DatabaseUrl.isSluiceUrl(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite:app.db", "http://example.com/app.db", "jdbc:sluice:", "jdbc:", "app.db", ""})
    void nonJdbcUrlIsRejected(String text) {
        SluiceException e = assertThrows(SluiceException.class, () -> DatabaseUrl.parse(text));

        assertEquals(Problem.INVALID_SETTING, e.problem());
        assertTrue(e.getMessage().contains("Not a JDBC URL"), e.getMessage());
    }

    @Test
    void nullUrlIsRejected() {
        SluiceException e = assertThrows(SluiceException.class, () -> DatabaseUrl.parse(null));

        assertEquals(Problem.INVALID_SETTING, e.problem());
    }

    @Test
    void rejectedUrlIsNamedWithoutCredentials() {
        SluiceException e = assertThrows(SluiceException.class,
            () -> DatabaseUrl.parse("postgresql://bob:hunter2@db/shop?password=hunter3"));

        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter3"), e.getMessage());
        assertTrue(e.getMessage().contains("db/shop"), e.getMessage());
    }

    @Test
    void malformedPercentEncodingNamesTheSetting() {
        SluiceException e = assertThrows(SluiceException.class,
            () -> DatabaseUrl.parse("jdbc:sluice:sqlite:a.db?sluice.table=%zz"));

        assertEquals(Problem.INVALID_SETTING, e.problem());
        assertTrue(e.getMessage().contains("sluice.table"), e.getMessage());
    }

    @Test
    void toStringHidesCredentials() throws Exception {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:sluice:postgresql://db/shop?user=bob&password=hunter2&sluice.table=h");

        assertEquals("jdbc:postgresql://db/shop?user=bob&password=hunter2", url.delegateUrl());
        assertFalse(url.toString().contains("hunter2"), url.toString());
    }
}
