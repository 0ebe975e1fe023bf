package io.cutover.load;

import io.cutover.PlanInvalidException;
import io.cutover.plan.Plan;
import io.cutover.spi.Problem;
import io.cutover.spi.Problems;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The road from a file to a {@link Plan}: YAML with positions, the schema, references, records,
 * then the semantic checks. Every problem of the plan is collected and reported together, sorted
 * by position.
 */
public final class PlanLoader {
    private final HandlerRegistry registry;
    private SchemaCheck schemaCheck;

    /** The schema is built on first use ({@link #prepare}): reading a plan's YAML does not wait for it. */
    public PlanLoader(HandlerRegistry registry) {
        this.registry = registry;
    }

    /** Builds the plan schema now (it takes a while): another thread may, while this loader's user reads a file. */
    public synchronized SchemaCheck prepare() {
        if (schemaCheck == null) {
            schemaCheck = new SchemaCheck(PlanSchema.build(registry));
        }
        return schemaCheck;
    }

    /** The outcome of a check: the plan when it has no error, and every problem found. */
    public record Outcome(LoadedPlan loaded, List<Problem> problems) {
        public Outcome {
            problems = List.copyOf(problems);
        }

        public boolean isValid() {
            return loaded != null;
        }
    }

    /** Loads a plan or throws {@link PlanInvalidException} with all its problems. */
    public LoadedPlan load(Path file, String shownAs, LoadOptions options) {
        return load(new PlanReader().read(file, shownAs), options);
    }

    /** Checks a plan file; never throws for a bad plan. */
    public Outcome check(Path file, String shownAs, LoadOptions options) {
        return check(new PlanReader().read(file, shownAs), options);
    }

    /** Loads a plan already read, or throws {@link PlanInvalidException} with all its problems. */
    public LoadedPlan load(PlanReader.Result read, LoadOptions options) {
        Outcome outcome = check(read, options);
        if (!outcome.isValid()) {
            throw new PlanInvalidException(outcome.problems());
        }
        return outcome.loaded();
    }

    /** Checks plan text (for tests and tools). */
    public Outcome checkText(String text, String shownAs, LoadOptions options) {
        return check(new PlanReader().readText(text, shownAs), options);
    }

    /** Checks a plan already read; never throws for a bad plan. */
    public Outcome check(PlanReader.Result read, LoadOptions options) {
        SchemaCheck schemaCheck = prepare();
        Problems problems = new Problems(Set.of());
        problems.addAll(read.problems());
        YamlTree tree = read.tree();
        if (tree == null || !tree.root().isObject()) {
            if (tree != null) {
                problems.add(Problem.Severity.ERROR, tree.valueAt(""), "",
                        "a plan is a mapping of keys (cutover: 1, name, phases, ...), not " + SchemaCheck.describe(tree.root()));
            }
            return new Outcome(null, problems.sorted());
        }
        if (read.problems().stream().anyMatch(Problem::isError)) {
            // The tree is partial (a duplicate key, a bad tag): report what the reader found, and the schema's view of the rest.
            problems.addAll(schemaCheck.check(tree));
            return new Outcome(null, problems.sorted());
        }
        // The plan as written is checked on another thread while this one resolves references and checks the result.
        java.util.concurrent.CompletableFuture<List<Problem>> asWritten = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> schemaCheck.check(tree));
        Interpolation params = new Interpolation(options.env(), Map.of(), options.mode());
        JsonNode paramNode = params.resolve(tree, tree.root().path("params"), "/params", problems);
        Map<String, JsonNode> values = new HashMap<>();
        paramNode.properties().forEach(e -> values.put(e.getKey(), e.getValue()));
        options.params().forEach((k, v) -> values.put(k, Interpolation.typed(v)));
        Interpolation interpolation = new Interpolation(options.env(), values, options.mode());
        interpolation.secrets().addAll(params.secrets());
        JsonNode resolved = interpolation.resolve(tree, tree.root(), "", problems);
        ((ObjectNode) resolved).set("params", JsonNodeFactory.instance.objectNode().setAll(values));
        // A reference checks as text; what it resolves to must fit too (a param 'abc' for an integer).
        List<Problem> asResolved = resolved.equals(tree.root()) ? List.of() : schemaCheck.check(tree, resolved);
        List<Problem> raw = asWritten.join();
        problems.addAll(raw);
        Set<String> seen = new HashSet<>();
        raw.forEach(p -> seen.add(p.location().toString()));
        asResolved.stream()
                .filter(p -> !seen.contains(p.location().toString()))
                .map(p -> new Problem(p.severity(), p.location(), p.path(), p.message() + " (after resolving references)"))
                .forEach(p -> {
                    seen.add(p.location().toString());
                    problems.addAll(List.of(p));
                });
        if (tree.root().path("cutover").isNumber() && !tree.root().path("cutover").isIntegralNumber()) {
            problems.add(Problem.Severity.ERROR, tree.valueAt("/cutover"), "cutover",
                    "must be 1 (the format version, an integer), found " + tree.root().path("cutover"));
        }
        Problems planProblems = new Problems(datasourceNames(resolved));
        Plan plan = new PlanBinder(tree, planProblems).bind(resolved);
        Set<String> rejectedTasks = new HashSet<>();
        raw.stream().filter(p -> p.path().matches("phases\\[\\d+\\]\\.tasks\\[\\d+\\]"))
                .forEach(p -> rejectedTasks.add(p.path()));
        new SemanticCheck(registry, tree, planProblems, rejectedTasks).check(plan);
        // The schema has spoken about a place already: a second message there (the binder's parse) adds nothing.
        planProblems.sorted().stream().filter(p -> !p.isError() || !seen.contains(p.location().toString()))
                .forEach(p -> problems.addAll(List.of(p)));
        List<Problem> all = problems.sorted();
        if (problems.hasErrors()) {
            return new Outcome(null, all);
        }
        return new Outcome(new LoadedPlan(plan, all, interpolation.secrets(), tree), all);
    }

    private static Set<String> datasourceNames(JsonNode root) {
        Set<String> names = new HashSet<>();
        root.path("datasources").propertyNames().forEach(names::add);
        return names;
    }

    /** The registry this loader checks task types against. */
    public HandlerRegistry registry() {
        return registry;
    }
}
