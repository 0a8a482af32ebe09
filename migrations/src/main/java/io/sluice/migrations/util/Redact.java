package io.sluice.migrations.util;

import java.util.regex.Pattern;

/** Strips credentials from URLs, so no message, log line, tag or history row ever carries one. */
public final class Redact {
    private static final Pattern USER_INFO = Pattern.compile("(//)[^/@?#]*@");
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)([?&;](?:password|passwd|pwd|sslpassword|key|secret|token|user|username)=)[^&;]*");

    private Redact() {
    }

    /** The URL with its user info and credential parameters masked. */
    public static String url(String url) {
        if (url == null) {
            return null;
        }
        String withoutUser = USER_INFO.matcher(url).replaceAll("$1***@");
        return SECRET_PARAMETER.matcher(withoutUser).replaceAll("$1***");
    }
}
