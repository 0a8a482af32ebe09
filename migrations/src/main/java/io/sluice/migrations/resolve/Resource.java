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

    Resource(String relativePath, String source, long size, Content content) {
        this.relativePath = relativePath;
        this.source = source;
        this.size = size;
        this.content = content;
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
