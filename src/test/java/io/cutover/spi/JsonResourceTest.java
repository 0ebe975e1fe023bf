package io.cutover.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The schema resources' reader gives the tree Jackson's mapper gives: same values, same node kinds. */
class JsonResourceTest {
    private static JsonNode read(String json) throws IOException {
        return JsonResource.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
    }

    /** Each node's class and value, in document order: equals() alone lets an IntNode equal a LongNode of 1 in places. */
    private static List<String> shape(JsonNode node, String at) {
        List<String> out = new ArrayList<>();
        out.add(at + " " + node.getClass().getSimpleName() + " " + (node.isContainer() ? "" : node.toString()));
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                out.addAll(shape(e.getValue(), at + "/" + e.getKey()));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                out.addAll(shape(node.get(i), at + "/" + i));
            }
        }
        return out;
    }

    @Test
    void readsWhatTheMapperReads() throws IOException {
        String json = """
                {"type": "object", "minimum": 1, "big": 10000000000, "huge": 123456789012345678901234567890,
                 "ratio": 0.5, "exp": 1e3, "neg": -7, "yes": true, "no": false, "none": null,
                 "text": "a \\"quoted\\" \\u00e9 line\\n", "empty": {}, "list": [1, "two", [3.25], {"k": null}, []],
                 "$defs": {"duration": {"pattern": "^[0-9]+(ms|s|m|h)$"}}}
                """;
        JsonNode ours = read(json);
        JsonNode theirs = JsonMapper.shared().readTree(json);
        assertEquals(theirs, ours);
        assertEquals(shape(theirs, ""), shape(ours, ""));
    }

    @Test
    void aRepeatedKeyKeepsItsLastValueAsTheMapperDoes() throws IOException {
        String json = "{\"a\": 1, \"b\": 2, \"a\": 3}";
        assertEquals(JsonMapper.shared().readTree(json), read(json));
        assertEquals(3, read(json).get("a").asInt());
    }

    @Test
    void everyBundledSchemaResourceReadsAsTheMapperReadsIt() throws IOException {
        List<String> resources = new ArrayList<>(List.of("/io/cutover/load/plan.base.schema.json"));
        for (String type : List.of("sql", "wait", "http", "shell", "monitor", "verify", "copy", "approval")) {
            resources.add("/io/cutover/handlers/" + type + "/" + type + ".schema.json");
        }
        for (String name : resources) {
            byte[] bytes;
            try (var in = JsonResourceTest.class.getResourceAsStream(name)) {
                assertTrue(in != null, "resource " + name);
                bytes = in.readAllBytes();
            }
            JsonNode ours = JsonResource.read(new ByteArrayInputStream(bytes), name);
            assertEquals(shape(JsonMapper.shared().readTree(bytes), ""), shape(ours, ""), name);
        }
    }

    @Test
    void brokenJsonIsAnIoErrorNamingTheResource() {
        IOException e = assertThrows(IOException.class, () -> read("{\"a\": [1, 2}"));
        assertTrue(e.getMessage().startsWith("JSON resource test.json: "), e.getMessage());
        assertThrows(IOException.class, () -> read(""));
        assertThrows(IOException.class, () -> read("{} {}"));
    }
}
