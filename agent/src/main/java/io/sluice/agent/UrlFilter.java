package io.sluice.agent;

import io.sluice.migrations.config.Setting;
import io.sluice.migrations.config.Settings;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code include} and {@code exclude} globs over a database's URL, where {@code *} matches any
 * run of characters and everything else only itself. A URL is gated when it matches an include
 * glob (any URL when there is none) and no exclude glob. The query string is ignored, in the URL
 * and in the glob: {@code exclude=*}{@code /shop_reports} means that database whatever parameters
 * (user, sslmode) a pool adds to its URL.
 */
final class UrlFilter {
    private final List<Pattern> include;
    private final List<Pattern> exclude;

    UrlFilter(List<String> include, List<String> exclude) {
        this.include = compile(include);
        this.exclude = compile(exclude);
    }

    static UrlFilter of(Settings settings) {
        return new UrlFilter(settings.list(Setting.INCLUDE), settings.list(Setting.EXCLUDE));
    }

    boolean gates(String url) {
        String database = withoutQuery(url);
        return (include.isEmpty() || matchesAny(include, database)) && !matchesAny(exclude, database);
    }

    private static String withoutQuery(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    private static boolean matchesAny(List<Pattern> globs, String url) {
        for (Pattern glob : globs) {
            if (glob.matcher(url).matches()) {
                return true;
            }
        }
        return false;
    }

    private static List<Pattern> compile(List<String> globs) {
        List<Pattern> patterns = new ArrayList<>(globs.size());
        for (String glob : globs) {
            StringBuilder regex = new StringBuilder();
            // The -1 keeps empty pieces, so a leading or trailing * still becomes .*
            String[] literals = withoutQuery(glob).split("\\*", -1);
            for (int i = 0; i < literals.length; i++) {
                if (i > 0) {
                    regex.append(".*");
                }
                if (!literals[i].isEmpty()) {
                    regex.append(Pattern.quote(literals[i]));
                }
            }
            patterns.add(Pattern.compile(regex.toString(), Pattern.DOTALL));
        }
        return patterns;
    }
}
