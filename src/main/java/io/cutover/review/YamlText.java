package io.cutover.review;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Values as a plan writes them, on one line: {@code 3h}, {@code [row_count, checksum]}, {@code {datasource: app, table: t}}. */
final class YamlText {
    private YamlText() {
    }

    /** The value in YAML flow style; strings as written, without quotes unless they are empty. */
    static String flow(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "";
        }
        if (value.isString()) {
            return value.asString().isEmpty() ? "\"\"" : value.asString();
        }
        if (value.isArray()) {
            StringBuilder out = new StringBuilder("[");
            for (JsonNode item : value) {
                out.append(out.length() > 1 ? ", " : "").append(flow(item));
            }
            return out.append(']').toString();
        }
        if (value.isObject()) {
            StringBuilder out = new StringBuilder("{");
            for (Map.Entry<String, JsonNode> e : value.properties()) {
                out.append(out.length() > 1 ? ", " : "").append(e.getKey()).append(": ").append(flow(e.getValue()));
            }
            return out.append('}').toString();
        }
        return value.toString();
    }
}
