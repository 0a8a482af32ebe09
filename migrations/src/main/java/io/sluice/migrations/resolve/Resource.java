package io.sluice.migrations.resolve;

import java.io.IOException;

/** A file inside a location: its path relative to the location and a way to read it. */
final class Resource {
    interface Content {
        byte[] read() throws IOException;
    }

    final String relativePath;
    final String source;
    /** In bytes, as the folder or jar lists it; -1 when unknown. */
    final long size;
    private final Content content;
    /** Which file this is, wherever the location put it: an absolute path, or a jar's URL and entry name. */
    final String identity;
    /**
     * What changes whenever the content changes, read without reading the content (a file's size,
     * times and inode; a jar entry's size and CRC); null when there is nothing trustworthy, for a
     * file changed too recently for its times to tell a second change apart. See {@link Fingerprints}.
     */
    final String fingerprint;

    Resource(String relativePath, String source, long size, Content content) {
        this(relativePath, source, size, content, null, null);
    }

    Resource(String relativePath, String source, long size, Content content, String identity, String fingerprint) {
        this.relativePath = relativePath;
        this.source = source;
        this.size = size;
        this.content = content;
        this.identity = identity;
        this.fingerprint = fingerprint;
    }

    byte[] read() throws IOException {
        return content.read();
    }

    /** The file name without folders or extension. */
    String baseName() {
        String name = relativePath.substring(relativePath.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}
