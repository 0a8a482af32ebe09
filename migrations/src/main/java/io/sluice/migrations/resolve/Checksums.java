package io.sluice.migrations.resolve;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.zip.CRC32;

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

    /** Whether text is a checksum as {@link #sha256} writes it. */
    static boolean isSha256(String text) {
        if (!text.startsWith(PREFIX) || text.length() != PREFIX.length() + 64) {
            return false;
        }
        // Plain comparisons: every start checks every recorded checksum, in a JVM that has not compiled this yet.
        for (int i = PREFIX.length(); i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    /**
     * UTF-8 bytes to text with the BOM removed and every CRLF or lone CR turned into LF.
     *
     * @throws IllegalArgumentException naming the byte offset and line of the first malformed
     *                                  sequence: decoding it leniently would run replacement
     *                                  characters and checksum the lossy text, so an edit of the
     *                                  malformed bytes would go unseen
     */
    public static String normalize(byte[] content) {
        String text = decodeUtf8(content);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n").replace('\r', '\n');
    }

    private static String decodeUtf8(byte[] content) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(content);
        // UTF-8 never decodes to more chars than it has bytes.
        CharBuffer out = CharBuffer.allocate(content.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = in.position();
            throw new IllegalArgumentException("not valid UTF-8 at byte offset " + offset + " (line " + lineAt(content, offset)
                    + ", byte 0x" + Integer.toHexString(content[offset] & 0xFF) + "); save the script as UTF-8");
        }
        return out.flip().toString();
    }

    private static int lineAt(byte[] content, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (content[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    /** How a checksum taken by Flyway is written in memory, to tell it from Sluice's own. */
    public static final String FLYWAY_PREFIX = "flyway-crc32:";

    /**
     * Flyway's checksum of a script, so a database migrated by Flyway is adopted without
     * re-running anything: Flyway feeds the UTF-8 bytes of every line, without its line ending
     * and with a BOM removed, into one CRC32 and keeps the low 32 bits as a signed int. Over
     * normalised text that is the CRC32 of the text with its line feeds left out.
     */
    public static String flywayCrc32(String normalizedText) {
        CRC32 crc = new CRC32();
        crc.update(normalizedText.replace("\n", "").getBytes(StandardCharsets.UTF_8));
        return FLYWAY_PREFIX + (int) crc.getValue();
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
