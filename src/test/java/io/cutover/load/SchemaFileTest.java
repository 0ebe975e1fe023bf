package io.cutover.load;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.cutover.Cutover;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code schemas/plan.schema.json} is what {@code cutover schema} prints, so that editors see the
 * schema cutover checks with, and every property in it says what it is for.
 */
class SchemaFileTest {
    private static final Path FILE = Path.of("schemas/plan.schema.json");
    private static final String REGENERATE = "regenerate it: bin/cutover schema > schemas/plan.schema.json";

    @Test
    void theCommittedSchemaIsCurrent() throws Exception {
        assertTrue(Files.isRegularFile(FILE), FILE.toAbsolutePath() + " is missing; " + REGENERATE);
        JsonNode committed = JsonMapper.shared().readTree(Files.readString(FILE));
        ObjectNode current = new Cutover().schema();
        if (!current.equals(committed)) {
            fail(FILE + " is stale: it differs from 'cutover schema' at " + difference(current, committed, "#") + "; " + REGENERATE);
        }
    }

    /** Where two trees first differ, as a JSON pointer with both values (shortened). */
    private static String difference(JsonNode want, JsonNode have, String path) {
        if (want.isObject() && have.isObject()) {
            for (Map.Entry<String, JsonNode> e : want.properties()) {
                if (!have.has(e.getKey())) {
                    return path + "/" + e.getKey() + " (missing from the file)";
                }
                if (!e.getValue().equals(have.get(e.getKey()))) {
                    return difference(e.getValue(), have.get(e.getKey()), path + "/" + e.getKey());
                }
            }
            for (Map.Entry<String, JsonNode> e : have.properties()) {
                if (!want.has(e.getKey())) {
                    return path + "/" + e.getKey() + " (only in the file)";
                }
            }
        } else if (want.isArray() && have.isArray() && want.size() == have.size()) {
            for (int i = 0; i < want.size(); i++) {
                if (!want.get(i).equals(have.get(i))) {
                    return difference(want.get(i), have.get(i), path + "/" + i);
                }
            }
        }
        return path + ": expected " + shorten(want.toString()) + " but the file has " + shorten(have.toString());
    }

    private static String shorten(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    @Test
    void everyPropertyHasADescription() throws Exception {
        JsonNode schema = JsonMapper.shared().readTree(Files.readString(FILE));
        List<String> missing = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        walk(schema, schema, "#", missing, seen);
        assertTrue(seen.size() > 50, "expected many property definitions, found " + seen.size());
        assertTrue(missing.isEmpty(), "properties without a description:\n  " + String.join("\n  ", missing));
    }

    @Test
    void theBuiltSchemaHasDescriptionsToo() {
        ObjectNode schema = new Cutover().schema();
        List<String> missing = new ArrayList<>();
        walk(schema, schema, "#", missing, new ArrayList<>());
        assertTrue(missing.isEmpty(), "properties without a description:\n  " + String.join("\n  ", missing));
    }

    /**
     * Visits every subschema; under each "properties" object checks every property. An "if" is a
     * condition that only tests values (if: {properties: {type: {const: copy}}}), not a definition
     * an editor shows, so it is not checked.
     */
    private static void walk(JsonNode root, JsonNode node, String path, List<String> missing, List<String> seen) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(root, node.get(i), path + "/" + i, missing, seen);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = field.getKey();
            JsonNode value = field.getValue();
            String here = path + "/" + key;
            if (key.equals("if") || key.equals("const") || key.equals("enum") || key.equals("default")
                    || key.equals("examples")) {
                continue;
            }
            if (key.equals("properties") && value.isObject()) {
                for (Map.Entry<String, JsonNode> property : value.properties()) {
                    String at = here + "/" + property.getKey();
                    seen.add(at);
                    if (description(root, property.getValue(), 0).isBlank()) {
                        missing.add(at);
                    }
                    walk(root, property.getValue(), at, missing, seen);
                }
            } else {
                walk(root, value, here, missing, seen);
            }
        }
    }

    /** The property's own description, or else that of the definition its $ref names (what an editor shows). */
    private static String description(JsonNode root, JsonNode property, int depth) {
        String own = property.path("description").asString("");
        if (!own.isBlank() || depth > 10) {
            return own;
        }
        String ref = property.path("$ref").asString("");
        if (!ref.startsWith("#/")) {
            return "";
        }
        JsonNode target = root.at(ref.substring(1));
        return target.isMissingNode() ? "" : description(root, target, depth + 1);
    }
}
