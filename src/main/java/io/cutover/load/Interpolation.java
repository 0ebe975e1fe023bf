package io.cutover.load;

import io.cutover.spi.Problem.Severity;
import io.cutover.spi.Problems;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Resolves {@code ${env.NAME}}, {@code ${param.NAME}} and {@code ${secret.NAME}} (each with an
 * optional {@code :-default}) in every string of a plan. {@code ${item}} and {@code ${run.id}} are
 * left for the engine, and so is the escape {@code $${}: {@link #finish} fills them in when a task
 * runs. A value that is one reference alone takes the type of what it resolves to.
 */
public final class Interpolation {
    /** The reference kinds of plan-format.md. */
    public static final Set<String> KINDS = Set.of("env", "param", "secret", "item", "run");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]{0,17})");
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+\\.[0-9]+");

    /** How an unresolved reference counts: a warning when validating (CI lacks production variables), else an error. */
    public enum Mode { VALIDATE, RUN }

    /** One {@code ${...}} in a string, from {@code start} to {@code end} (exclusive). */
    public record Reference(String kind, String name, Optional<String> fallback, int start, int end) {
        /** As written, for messages. */
        public String text() {
            return "${" + kind + (name.isEmpty() ? "" : "." + name) + fallback.map(f -> ":-" + f).orElse("") + "}";
        }

        /** Left for the engine to fill in at execution. */
        public boolean isDeferred() {
            return kind.equals("item") || kind.equals("run");
        }
    }

    private final Function<String, String> env;
    private final Map<String, JsonNode> params;
    private final Mode mode;
    private final SecretMask secrets = new SecretMask();

    /**
     * @param env    the environment (System::getenv in production)
     * @param params the plan's params, already overridden by {@code --param}
     */
    public Interpolation(Function<String, String> env, Map<String, JsonNode> params, Mode mode) {
        this.env = env;
        this.params = Map.copyOf(params);
        this.mode = mode;
    }

    /** The secret values resolved so far, to mask. */
    public SecretMask secrets() {
        return secrets;
    }

    /** Resolves every string under {@code node}, which stands at {@code pointer} in {@code tree}. */
    public JsonNode resolve(YamlTree tree, JsonNode node, String pointer, Problems problems) {
        if (node.isObject()) {
            ObjectNode out = NODES.objectNode();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                boolean extension = pointer.isEmpty() && e.getKey().startsWith("x-");
                out.set(e.getKey(), extension ? e.getValue()
                        : resolve(tree, e.getValue(), YamlTree.child(pointer, e.getKey()), problems));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = NODES.arrayNode();
            for (int i = 0; i < node.size(); i++) {
                out.add(resolve(tree, node.get(i), YamlTree.child(pointer, i), problems));
            }
            return out;
        }
        if (node.isString() && node.asString().contains("${")) {
            return resolveText(tree, node.asString(), pointer, problems);
        }
        return node;
    }

    private JsonNode resolveText(YamlTree tree, String text, String pointer, Problems problems) {
        List<Reference> refs;
        try {
            refs = scan(text);
        } catch (IllegalArgumentException e) {
            problems.add(Severity.ERROR, tree.valueAt(pointer), YamlTree.readable(pointer), e.getMessage());
            return NODES.stringNode(text);
        }
        StringBuilder out = new StringBuilder();
        int at = 0;
        boolean unresolved = false;
        for (Reference ref : refs) {
            out.append(text, at, ref.start());
            at = ref.end();
            Optional<JsonNode> value = lookup(tree, ref, pointer, problems);
            if (value.isEmpty()) {
                unresolved = true;
                out.append(text, ref.start(), ref.end());
                continue;
            }
            if (refs.size() == 1 && ref.start() == 0 && ref.end() == text.length()) {
                return value.get();
            }
            out.append(value.get().isString() ? value.get().asString() : value.get().toString());
        }
        out.append(text.substring(at));
        return unresolved && refs.size() == 1 ? NODES.stringNode(text) : NODES.stringNode(out.toString());
    }

    private Optional<JsonNode> lookup(YamlTree tree, Reference ref, String pointer, Problems problems) {
        String path = YamlTree.readable(pointer);
        switch (ref.kind()) {
            case "item", "run" -> {
                boolean ok = ref.kind().equals("run") ? ref.name().equals("id")
                        : ref.name().isEmpty() && pointer.matches("/phases/\\d+/tasks/.*") && inForeach(tree, pointer);
                if (!ok) {
                    String why = ref.kind().equals("run") ? ref.text() + " is not known: the run offers ${run.id}"
                            : ref.name().isEmpty() ? "${item} is only known inside the tasks of a phase with 'foreach'"
                            : ref.text() + " is not known: an item is plain text, write ${item}";
                    problems.add(Severity.ERROR, tree.valueAt(pointer), path, why);
                }
                return Optional.empty();
            }
            case "param" -> {
                JsonNode value = params.get(ref.name());
                if (value != null && !value.isNull()) {
                    return Optional.of(value);
                }
            }
            case "env" -> {
                String value = env.apply(ref.name());
                if (value != null) {
                    return Optional.of(typed(value));
                }
            }
            case "secret" -> {
                Optional<String> value = secret(ref.name(), tree, pointer, problems);
                if (value.isPresent()) {
                    secrets.add(value.get());
                    return Optional.of(NODES.stringNode(value.get()));
                }
            }
            default -> {
                problems.add(Severity.ERROR, tree.valueAt(pointer), path, "unknown reference kind '" + ref.kind()
                        + "' in " + ref.text() + Suggestions.hint(ref.kind(), KINDS)
                        + ": use ${env.NAME}, ${param.NAME}, ${secret.NAME}, ${item} or ${run.id}");
                return Optional.empty();
            }
        }
        if (ref.fallback().isPresent()) {
            if (ref.kind().equals("secret")) {
                secrets.add(ref.fallback().get());
            }
            return Optional.of(typed(ref.fallback().get()));
        }
        Severity severity = mode == Mode.VALIDATE ? Severity.WARNING : Severity.ERROR;
        String fix = switch (ref.kind()) {
            case "env" -> "set the environment variable " + ref.name();
            case "secret" -> "set the environment variable " + ref.name() + " or " + ref.name() + "_FILE";
            default -> "add '" + ref.name() + "' to params or pass --param " + ref.name() + "=VALUE";
        };
        problems.add(severity, tree.valueAt(pointer), path, ref.text() + " is not set and has no default: " + fix
                + ", or write " + ref.text().replace("}", ":-default}"));
        return Optional.empty();
    }

    private Optional<String> secret(String name, YamlTree tree, String pointer, Problems problems) {
        String direct = env.apply(name);
        if (direct != null) {
            return Optional.of(direct);
        }
        String file = env.apply(name + "_FILE");
        if (file == null) {
            return Optional.empty();
        }
        try {
            String value = Files.readString(Path.of(file), StandardCharsets.UTF_8);
            return Optional.of(value.endsWith("\n") ? value.substring(0, value.length() - 1) : value);
        } catch (IOException e) {
            problems.add(Severity.ERROR, tree.valueAt(pointer), YamlTree.readable(pointer),
                    "cannot read the secret file named by " + name + "_FILE: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static boolean inForeach(YamlTree tree, String pointer) {
        String[] parts = pointer.split("/");
        JsonNode phase = tree.root().path("phases").path(Integer.parseInt(parts[2]));
        return phase.path("foreach").isArray() && !phase.path("foreach").isEmpty();
    }

    /** Text that looks like a number or a boolean becomes one, so that {@code batch_size: ${env.N}} is a number. */
    static JsonNode typed(String text) {
        if (INTEGER.matcher(text).matches()) {
            return NODES.numberNode(Long.parseLong(text));
        }
        if (DECIMAL.matcher(text).matches()) {
            return NODES.numberNode(new java.math.BigDecimal(text));
        }
        if (text.equals("true") || text.equals("false")) {
            return NODES.booleanNode(Boolean.parseBoolean(text));
        }
        return NODES.stringNode(text);
    }

    /** The references in {@code text}; {@code $${} is an escape, not a reference. */
    public static List<Reference> scan(String text) {
        List<Reference> refs = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf("${", i);
            if (open < 0) {
                break;
            }
            if (open > 0 && text.charAt(open - 1) == '$') {
                i = open + 2;
                continue;
            }
            int close = text.indexOf('}', open);
            if (close < 0) {
                throw new IllegalArgumentException("'${' at position " + (open + 1) + " is never closed with '}'"
                        + " (write $${ for a literal ${)");
            }
            refs.add(parse(text.substring(open + 2, close), open, close + 1));
            i = close + 1;
        }
        return refs;
    }

    private static Reference parse(String body, int start, int end) {
        String ref = body;
        Optional<String> fallback = Optional.empty();
        int dash = body.indexOf(":-");
        if (dash >= 0) {
            ref = body.substring(0, dash);
            fallback = Optional.of(body.substring(dash + 2));
        }
        ref = ref.trim();
        int dot = ref.indexOf('.');
        String kind = dot < 0 ? ref : ref.substring(0, dot);
        String name = dot < 0 ? "" : ref.substring(dot + 1);
        if (kind.isEmpty() || (!kind.equals("item") && name.isEmpty() && KINDS.contains(kind))
                || !name.matches("[A-Za-z0-9_.-]*")) {
            throw new IllegalArgumentException("'${" + body + "}' is not a reference: write ${env.NAME}, ${param.NAME}, "
                    + "${secret.NAME} (each with an optional :-default), ${item} or ${run.id}");
        }
        return new Reference(kind, name, fallback, start, end);
    }

    /** Fills in {@code ${item}} and {@code ${run.id}} and turns {@code $${} into {@code ${}, when a task runs. */
    public static String finish(String text, String item, String runId) {
        if (text == null || !text.contains("${")) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (text.startsWith("${item}", i) && item != null) {
                out.append(item);
                i += 7;
            } else if (text.startsWith("${run.id}", i) && runId != null) {
                out.append(runId);
                i += 9;
            } else {
                out.append(text.charAt(i++));
            }
        }
        return out.toString();
    }
}
