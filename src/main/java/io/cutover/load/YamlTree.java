package io.cutover.load;

import io.cutover.plan.SourceLocation;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A plan as a JSON tree, with the position of every value and every mapping key, addressed by
 * JSON Pointer ({@code /phases/1/tasks/0/down}).
 */
public record YamlTree(String file, JsonNode root, Map<String, SourceLocation> values,
                       Map<String, SourceLocation> keys) {

    public YamlTree {
        values = Map.copyOf(values);
        keys = Map.copyOf(keys);
    }

    /** Where the value at {@code pointer} stands, or its nearest ancestor's. */
    public SourceLocation valueAt(String pointer) {
        String p = pointer;
        while (true) {
            SourceLocation at = values.get(p);
            if (at != null) {
                return at;
            }
            if (p.isEmpty()) {
                return SourceLocation.start(file);
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
    }

    /** Where the key of the entry at {@code pointer} stands, or its value's place. */
    public SourceLocation keyAt(String pointer) {
        SourceLocation at = keys.get(pointer);
        return at != null ? at : valueAt(pointer);
    }

    /** The pointer of a child property. */
    public static String child(String pointer, String key) {
        return pointer + "/" + key.replace("~", "~0").replace("/", "~1");
    }

    /** The pointer of an array element. */
    public static String child(String pointer, int index) {
        return pointer + "/" + index;
    }

    /** A pointer as a person reads it: {@code /phases/1/tasks/0} becomes {@code phases[1].tasks[0]}. */
    public static String readable(String pointer) {
        StringBuilder out = new StringBuilder();
        for (String part : pointer.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            String name = part.replace("~1", "/").replace("~0", "~");
            if (name.chars().allMatch(Character::isDigit)) {
                out.append('[').append(name).append(']');
            } else {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(name);
            }
        }
        return out.toString();
    }
}
