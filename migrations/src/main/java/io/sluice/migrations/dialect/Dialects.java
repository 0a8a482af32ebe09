package io.sluice.migrations.dialect;

import io.sluice.migrations.config.DatabaseUrl;
import io.sluice.migrations.dialect.postgres.PostgresDialect;
import io.sluice.migrations.dialect.sqlite.SqliteDialect;
import io.sluice.migrations.error.Problem;
import io.sluice.migrations.error.SluiceException;
import io.sluice.migrations.util.Redact;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Picks the dialect for a delegate URL. */
public final class Dialects {
    private static final List<Dialect> ALL = Arrays.<Dialect>asList(new SqliteDialect(), new PostgresDialect());

    private Dialects() {
    }

    public static Dialect forUrl(String delegateUrl) throws SluiceException {
        Dialect dialect = find(delegateUrl);
        if (dialect != null) {
            return dialect;
        }
        StringBuilder supported = new StringBuilder();
        for (Dialect known : ALL) {
            supported.append(supported.length() == 0 ? "" : " or ")
                    .append(DatabaseUrl.SLUICE_PREFIX).append(known.urlPrefix().substring("jdbc:".length()));
        }
        throw new SluiceException(Problem.INVALID_SETTING, "Sluice does not support " + Redact.url(delegateUrl)
                + "; supported URLs start with " + supported);
    }

    /** The supported databases as messages name them: {@code SQLite and PostgreSQL}. */
    public static String displayNames() {
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < ALL.size(); i++) {
            names.append(i == 0 ? "" : i == ALL.size() - 1 ? " and " : ", ").append(ALL.get(i).displayName());
        }
        return names.toString();
    }

    /** Every dialect's vendor data source classes, for the java agent. */
    public static List<String> dataSourceClasses() {
        List<String> classes = new ArrayList<>();
        for (Dialect dialect : ALL) {
            classes.addAll(dialect.dataSourceClasses());
        }
        return classes;
    }

    /** Every dialect's own backup methods, the dialect-specific values of {@code sluice.backup}. */
    public static List<String> backupMethods() {
        List<String> methods = new ArrayList<>();
        for (Dialect dialect : ALL) {
            methods.addAll(dialect.backupMethods());
        }
        return methods;
    }

    /** The dialect for a URL, or null when Sluice does not support that database. */
    public static Dialect find(String delegateUrl) {
        for (Dialect dialect : ALL) {
            if (dialect.handles(delegateUrl)) {
                return dialect;
            }
        }
        return null;
    }
}
