package io.sluice.migrations.util;

import java.util.regex.Pattern;

/** Strips credentials from URLs, so no message, log line, tag or history row ever carries one. */
public final class Redact {
    /** Up to the last {@code @} of the authority: a password may contain an unencoded {@code @}. */
    private static final Pattern USER_INFO = Pattern.compile("(//)[^/?#]*@");
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)([?&;](?:password|passwd|pwd|sslpassword|key|secret|token|user|username)=)[^&;]*");

    private Redact() {
    }

    /** The URL with its user info and credential parameters masked. */
    public static String url(String url) {
        if (url == null) {
            return null;
        }
        // Parameters first: a ;password=p@ss parameter must not be mistaken for the end of user info.
        String withoutSecrets = SECRET_PARAMETER.matcher(url).replaceAll("$1***");
        return USER_INFO.matcher(withoutSecrets).replaceAll("$1***@");
    }
}
