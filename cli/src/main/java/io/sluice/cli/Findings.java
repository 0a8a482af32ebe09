package io.sluice.cli;

import io.sluice.migrations.plan.Finding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Lint findings as JSON: {@code {"line", "severity", "rule", "message"}}, with the script where asked. */
final class Findings {
    private Findings() {
    }

    static List<Map<String, Object>> json(List<Finding> findings, String script) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Finding finding : findings) {
            list.add(json(finding, script));
        }
        return list;
    }

    static Map<String, Object> json(Finding finding, String script) {
        Map<String, Object> json = new LinkedHashMap<>();
        if (script != null) {
            json.put("script", script);
        }
        // A finding about a whole file (a changed checksum) has no line.
        json.put("line", finding.line() > 0 ? finding.line() : null);
        json.put("severity", finding.severity().label());
        json.put("rule", finding.rule());
        json.put("message", finding.message());
        return json;
    }
}
