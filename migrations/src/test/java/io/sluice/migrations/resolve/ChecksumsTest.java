package io.sluice.migrations.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChecksumsTest {
    private static final String SCRIPT = "CREATE TABLE loans (id INTEGER PRIMARY KEY);\nINSERT INTO loans VALUES (1);\n";

    private static String checksumOf(String content) {
        return checksumOf(content.getBytes(StandardCharsets.UTF_8));
    }

    private static String checksumOf(byte[] content) {
        return Checksums.sha256(Checksums.normalize(content));
    }

    @Test
    void checksumIsPrefixedSha256InLowerCaseHex() {
        String checksum = checksumOf(SCRIPT);
        assertTrue(checksum.startsWith("sha256:"), checksum);
        assertTrue(checksum.substring("sha256:".length()).matches("[0-9a-f]{64}"), checksum);
    }

    @Test
    void checksumIsSha256OfTheUtf8Text() {
        // echo -n abc | sha256sum
        assertEquals("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Checksums.sha256("abc"));
    }

    @Test
    void byteOrderMarkDoesNotChangeTheChecksum() {
        byte[] text = SCRIPT.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[text.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withBom, 3, text.length);
        assertEquals(checksumOf(text), checksumOf(withBom));
        assertEquals(SCRIPT, Checksums.normalize(withBom));
    }

    @Test
    void windowsLineEndingsDoNotChangeTheChecksum() {
        assertEquals(checksumOf(SCRIPT), checksumOf(SCRIPT.replace("\n", "\r\n")));
    }

    @Test
    void oldMacLineEndingsDoNotChangeTheChecksum() {
        assertEquals(checksumOf(SCRIPT), checksumOf(SCRIPT.replace("\n", "\r")));
    }

    @Test
    void bomAndMixedLineEndingsTogetherDoNotChangeTheChecksum() {
        String mixed = "\uFEFFCREATE TABLE loans (id INTEGER PRIMARY KEY);\r\nINSERT INTO loans VALUES (1);\r";
        assertEquals(checksumOf(SCRIPT), checksumOf(mixed));
    }

    @Test
    void changedValueChangesTheChecksum() {
        assertNotEquals(checksumOf(SCRIPT), checksumOf(SCRIPT.replace("VALUES (1)", "VALUES (2)")));
    }

    @Test
    void addedSpaceChangesTheChecksum() {
        assertNotEquals(checksumOf(SCRIPT), checksumOf(SCRIPT.replace("INTEGER PRIMARY", "INTEGER  PRIMARY")));
    }

    @Test
    void addedBlankLineChangesTheChecksum() {
        assertNotEquals(checksumOf(SCRIPT), checksumOf(SCRIPT + "\n"));
    }

    @Test
    void changedCaseChangesTheChecksum() {
        assertNotEquals(checksumOf(SCRIPT), checksumOf(SCRIPT.replace("loans", "Loans")));
    }

    @Test
    void bomInsideTheTextIsKept() {
        assertNotEquals(checksumOf(SCRIPT), checksumOf(SCRIPT.replace("\n", "\n\uFEFF")));
    }

    @Test
    void aRecordedChecksumIsOnlyWhatSha256WritesLowerCaseAsciiHexOfFullLength() {
        String written = Checksums.sha256("SELECT 1;");
        assertTrue(Checksums.isSha256(written));
        assertFalse(Checksums.isSha256(written.toUpperCase(java.util.Locale.ROOT).replace("SHA256:", "sha256:")));
        assertFalse(Checksums.isSha256(written.substring(0, written.length() - 1)));
        assertFalse(Checksums.isSha256(written.substring(0, written.length() - 1) + "g"));
        assertFalse(Checksums.isSha256(written.substring(0, written.length() - 1) + "\u0663"), "an Arabic-Indic three");
        assertFalse(Checksums.isSha256("md5:" + written.substring(7)));
    }
}
