package io.sluice.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a command says about one database: its JSON fields, its human text and its exit code. */
final class Result {
    final Map<String, Object> json = new LinkedHashMap<>();
    final StringBuilder text = new StringBuilder();
    int exitCode;

    Result put(String field, Object value) {
        json.put(field, value);
        return this;
    }

    Result line(Object line) {
        text.append(line).append(line.toString().endsWith("\n") ? "" : "\n");
        return this;
    }

    Result exit(int code) {
        exitCode = Math.max(exitCode, code);
        return this;
    }
}
