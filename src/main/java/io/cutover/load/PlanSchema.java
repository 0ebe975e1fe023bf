package io.cutover.load;

import io.cutover.spi.TaskHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The plan JSON Schema: the base (top level, datasources, window, triggers, phases, the common task
 * keys) with one {@code task_TYPE} definition per handler, chosen by {@code type} with if/then.
 * {@code schemas/plan.schema.json} is this schema for the built-in handlers, as {@code cutover schema} prints it.
 */
public final class PlanSchema {
    private static final JsonMapper JSON = JsonMapper.shared();

    private PlanSchema() {
    }

    /** The schema for the handlers of {@code registry}. */
    public static ObjectNode build(HandlerRegistry registry) {
        ObjectNode schema = (ObjectNode) base();
        ObjectNode defs = (ObjectNode) schema.get("$defs");
        ObjectNode common = (ObjectNode) defs.remove("task_common").get("properties");
        ArrayNode types = JSON.createArrayNode();
        ArrayNode branches = JSON.createArrayNode();
        for (TaskHandler handler : registry.all()) {
            String type = handler.type();
            types.add(type);
            JsonNode fragment = handler.schema();
            mergeDefinitions(defs, fragment, type);
            defs.set("task_" + type, taskDefinition(handler, common, fragment));
            ObjectNode branch = branches.addObject();
            ObjectNode when = branch.putObject("if");
            // enum rather than const, the same test: a validator tries every branch, and a const that does not match
            // prints both values into its (unused) error each time, which cost a 1,000-task plan a tenth of a second.
            when.putObject("properties").putObject("type").putArray("enum").add(type);
            when.putArray("required").add("type");
            branch.putObject("then").put("$ref", "#/$defs/task_" + type);
        }
        ObjectNode task = JSON.createObjectNode();
        task.put("description", "A task: 'type' names the handler that carries it out; the other keys are the handler's.");
        task.put("type", "object");
        task.putArray("required").add("id").add("type");
        ObjectNode properties = task.putObject("properties");
        properties.set("id", common.get("id"));
        ObjectNode type = properties.putObject("type");
        type.put("description", "The handler that carries out the task: " + String.join(", ", registry.types()) + ".");
        type.set("enum", types);
        task.set("allOf", branches);
        defs.set("task", task);
        return schema;
    }

    private static ObjectNode taskDefinition(TaskHandler handler, ObjectNode common, JsonNode fragment) {
        ObjectNode def = JSON.createObjectNode();
        def.put("description", "A '" + handler.type() + "' task: " + handler.summary());
        def.put("type", "object");
        ArrayNode required = def.putArray("required").add("id").add("type");
        fragment.path("required").forEach(r -> required.add(r.asString()));
        def.put("additionalProperties", false);
        ObjectNode properties = def.putObject("properties");
        properties.setAll(common);
        ObjectNode type = JSON.createObjectNode();
        type.put("description", "The handler that carries out the task.");
        type.put("const", handler.type());
        properties.set("type", type);
        for (Map.Entry<String, JsonNode> own : fragment.path("properties").properties()) {
            if (common.has(own.getKey())) {
                throw new IllegalStateException("handler " + handler.type() + " redefines the common task key '"
                        + own.getKey() + "'");
            }
            properties.set(own.getKey(), own.getValue());
        }
        return def;
    }

    private static void mergeDefinitions(ObjectNode defs, JsonNode fragment, String type) {
        for (Map.Entry<String, JsonNode> def : fragment.path("$defs").properties()) {
            JsonNode existing = defs.get(def.getKey());
            if (existing != null && !existing.equals(def.getValue())) {
                throw new IllegalStateException("handler " + type + " defines $defs/" + def.getKey()
                        + " differently from the plan schema or another handler");
            }
            defs.set(def.getKey(), def.getValue());
        }
    }

    private static JsonNode base() {
        try (InputStream in = PlanSchema.class.getResourceAsStream("plan.base.schema.json")) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
