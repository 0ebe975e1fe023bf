package io.cutover.load;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import io.cutover.plan.SourceLocation;
import io.cutover.spi.Problem;
import io.cutover.spi.Problem.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Validates a plan tree against the plan schema (networknt) and turns each error into a
 * {@link Problem} at the YAML position of the key or value it is about, in the author's words.
 */
public final class SchemaCheck {
    private static final Set<String> WRAPPERS = Set.of("allOf", "anyOf", "oneOf", "if", "then", "else", "$ref", "not");
    private final JsonNode schemaNode;
    private final Schema schema;

    public SchemaCheck(JsonNode schemaNode) {
        this.schemaNode = schemaNode;
        this.schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schemaNode);
        // Every $ref resolved now, not during a first validation: the loader validates a plan as written and as resolved at
        // once, on two threads, and the schema must be complete before either starts.
        this.schema.initializeValidators();
    }

    /** The problems of {@code tree.root()}; empty when it conforms. */
    public List<Problem> check(YamlTree tree) {
        return check(tree, tree.root());
    }

    /** The problems of {@code root}, located through {@code tree}'s positions. */
    public List<Problem> check(YamlTree tree, JsonNode root) {
        List<Problem> problems = new ArrayList<>();
        for (Error error : schema.validate(root)) {
            if (WRAPPERS.contains(error.getKeyword())) {
                continue;
            }
            problems.add(describe(tree, error));
        }
        return problems;
    }

    private Problem describe(YamlTree tree, Error error) {
        String pointer = pointer(error.getInstanceLocation());
        String path = YamlTree.readable(pointer);
        JsonNode owner = schemaOwner(error);
        JsonNode value = error.getInstanceNode();
        String keyword = error.getKeyword();
        SourceLocation at = tree.valueAt(pointer);
        String message;
        switch (keyword) {
            case "additionalProperties" -> {
                String key = error.getProperty();
                at = tree.keyAt(YamlTree.child(pointer, key));
                Set<String> known = new TreeSet<>();
                owner.path("properties").propertyNames().forEach(known::add);
                String hint = Suggestions.hint(key, known);
                message = "unknown key '" + key + "'" + (hint.isEmpty() ? "; expected one of: " + String.join(", ", known) : hint);
            }
            case "required" -> {
                String key = error.getProperty();
                String title = owner.path("properties").path(key).path("title").asString("");
                message = "'" + key + "' is required" + (title.isEmpty() ? "" : " (" + title + ")");
            }
            case "type" -> message = "expected " + expected(owner, error.getSchemaNode()) + ", found " + describe(value);
            case "pattern" -> message = describe(value) + " is not valid here: expected "
                    + owner.path("x-expected").asString("text matching " + error.getSchemaNode().asString());
            case "enum" -> message = enumMessage(pointer, value, error.getSchemaNode());
            case "const" -> {
                String title = owner.path("title").asString("");
                message = "must be " + error.getSchemaNode() + (title.isEmpty() ? "" : " (" + title + ")")
                        + ", found " + describe(value);
            }
            case "minItems" -> message = "needs at least " + error.getSchemaNode().asInt() + " item"
                    + (error.getSchemaNode().asInt() == 1 ? "" : "s");
            case "minimum" -> message = "must be at least " + error.getSchemaNode() + ", found " + describe(value);
            case "maximum" -> message = "must be at most " + error.getSchemaNode() + ", found " + describe(value);
            case "propertyNames" -> {
                String key = error.getProperty() != null ? error.getProperty() : String.valueOf(error.getArguments()[0]);
                at = tree.keyAt(YamlTree.child(pointer, key));
                message = "'" + key + "' is not a valid name here: use letters, digits, '_' and '-'";
            }
            default -> message = stripPath(error.getMessage());
        }
        return new Problem(Severity.ERROR, at, path, message);
    }

    private static String enumMessage(String pointer, JsonNode value, JsonNode allowed) {
        List<String> words = new ArrayList<>();
        allowed.forEach(a -> {
            String word = a.isString() ? a.asString() : a.toString();
            if (!words.contains(word)) {
                words.add(word);
            }
        });
        String text = value != null && value.isString() ? value.asString() : String.valueOf(value);
        String hint = Suggestions.hint(text, words);
        if (pointer.matches("/phases/\\d+/tasks/\\d+/type")) {
            return "unknown task type '" + text + "'" + hint + "; the types on the class path: " + String.join(", ", words);
        }
        return describe(value) + " is not one of: " + String.join(", ", words) + hint;
    }

    private static String expected(JsonNode owner, JsonNode types) {
        if (owner.has("x-expected")) {
            return owner.get("x-expected").asString();
        }
        List<String> names = new ArrayList<>();
        if (types.isArray()) {
            types.forEach(t -> names.add(article(t.asString())));
        } else {
            names.add(article(types.asString()));
        }
        return String.join(" or ", names);
    }

    private static String article(String type) {
        return switch (type) {
            case "object" -> "a mapping (key: value)";
            case "array" -> "a list";
            case "string" -> "text";
            case "integer" -> "a whole number";
            case "number" -> "a number";
            case "boolean" -> "true or false";
            case "null" -> "nothing";
            default -> type;
        };
    }

    /** A value as a message shows it: {@code text 'abc'}, {@code a list}, {@code 12}. */
    static String describe(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "nothing";
        }
        if (value.isString()) {
            String s = value.asString();
            return "'" + (s.length() > 60 ? s.substring(0, 57) + "..." : s) + "'";
        }
        if (value.isObject()) {
            return "a mapping";
        }
        if (value.isArray()) {
            return "a list";
        }
        return value.toString();
    }

    /** The schema object that holds the failing keyword, for its properties, title and x-expected. */
    private JsonNode schemaOwner(Error error) {
        NodePath fragment = error.getSchemaLocation().getFragment();
        JsonNode node = schemaNode;
        int count = fragment.getNameCount();
        for (int i = 0; i < count - 1; i++) {
            Object element = fragment.getElement(i);
            node = element instanceof Integer index ? node.path(index) : node.path(String.valueOf(element));
        }
        return node;
    }

    static String pointer(NodePath path) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            out.append('/');
            out.append(element instanceof Integer ? element.toString()
                    : String.valueOf(element).replace("~", "~0").replace("/", "~1"));
        }
        return out.toString();
    }

    private static String stripPath(String message) {
        if (message == null) {
            return "does not match the plan schema";
        }
        int colon = message.indexOf(": ");
        return (message.startsWith("$") || message.startsWith("/")) && colon > 0 ? message.substring(colon + 2) : message;
    }
}
