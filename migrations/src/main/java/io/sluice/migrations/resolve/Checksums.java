package io.sluice.migrations.resolve;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Script checksums. Why SHA-256 over normalised text: a checkout on Windows (CRLF) or an editor
 * that adds a BOM must not look like a changed migration, while any real edit must. The stored
 * form carries its algorithm ({@code sha256:<hex>}) so a later algorithm can sit beside old rows.
 */
public final class Checksums {
    public static final String PREFIX = "sha256:";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Checksums() {
    }

    /** UTF-8 bytes to text with the BOM removed and every CRLF or lone CR turned into LF. */
    public static String normalize(byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n").replace('\r', '\n');
    }

    /** {@code sha256:<hex>} of normalised text. */
    public static String sha256(String normalizedText) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(normalizedText.getBytes(StandardCharsets.UTF_8));
            char[] hex = new char[digest.length * 2];
            for (int i = 0; i < digest.length; i++) {
                hex[2 * i] = HEX[(digest[i] >> 4) & 0xF];
                hex[2 * i + 1] = HEX[digest[i] & 0xF];
            }
            return PREFIX + new String(hex);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
