package io.sluice.migrations.config;

import io.sluice.migrations.error.Problem;
import io.sluice.migrations.error.SluiceException;
import io.sluice.migrations.util.Redact;

import java.io.UnsupportedEncodingException;
import java.net.URLDecoder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A database URL as given to Sluice: {@code jdbc:sluice:<rest>} or the database's own
 * {@code jdbc:<rest>}. Splits off the {@code sluice.*} query parameters, which the delegate
 * driver never sees.
 */
public final class DatabaseUrl {
    public static final String SLUICE_PREFIX = "jdbc:sluice:";

    private final String delegateUrl;
    private final Map<String, String> parameters;

    private DatabaseUrl(String delegateUrl, Map<String, String> parameters) {
        this.delegateUrl = delegateUrl;
        this.parameters = parameters;
    }

    public static boolean isSluiceUrl(String url) {
        return url != null && url.startsWith(SLUICE_PREFIX);
    }

    public static DatabaseUrl parse(String url) throws SluiceException {
        if (url == null) {
            throw new SluiceException(Problem.INVALID_SETTING, "No database URL given; expected jdbc:sluice:<your JDBC URL>");
        }
        String delegate = isSluiceUrl(url) ? "jdbc:" + url.substring(SLUICE_PREFIX.length()) : url;
        if (!delegate.startsWith("jdbc:") || delegate.length() == "jdbc:".length()) {
            throw new SluiceException(Problem.INVALID_SETTING, "Not a JDBC URL: " + Redact.url(url)
                    + "; expected jdbc:sluice:<your JDBC URL>, e.g. jdbc:sluice:sqlite:app.db");
        }
        int query = delegate.indexOf('?');
        if (query < 0) {
            return new DatabaseUrl(delegate, Collections.emptyMap());
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        StringBuilder kept = new StringBuilder();
        for (String pair : delegate.substring(query + 1).split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            if (name.startsWith(Setting.PREFIX)) {
                parameters.put(decode(name, name), equals < 0 ? "" : decode(pair.substring(equals + 1), name));
            } else if (!pair.isEmpty()) {
                kept.append(kept.length() == 0 ? "" : "&").append(pair);
            }
        }
        String base = delegate.substring(0, query);
        return new DatabaseUrl(kept.length() == 0 ? base : base + "?" + kept,
                Collections.unmodifiableMap(parameters));
    }

    private static String decode(String text, String parameter) throws SluiceException {
        try {
            // Percent-decoding only: a '+' in a URL's query is a plus sign, not a space.
            return URLDecoder.decode(text.replace("+", "%2B"), "UTF-8");
        } catch (UnsupportedEncodingException | IllegalArgumentException e) {
            throw new SluiceException(Problem.INVALID_SETTING, "Malformed URL parameter " + parameter
                    + ": " + e.getMessage() + "; percent-encode special characters");
        }
    }

    /** The URL handed to the delegate driver: {@code jdbc:<rest>} without {@code sluice.*} parameters. */
    public String delegateUrl() {
        return delegateUrl;
    }

    /** The {@code sluice.*} query parameters, decoded, in order. */
    public Map<String, String> parameters() {
        return parameters;
    }

    @Override
    public String toString() {
        return Redact.url(delegateUrl);
    }
}
