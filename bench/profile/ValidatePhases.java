package io.cutover.load;

import io.cutover.plan.Plan;
import io.cutover.spi.Problem;
import io.cutover.spi.Problems;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where 'cutover validate' spends its time, phase by phase, in one cold JVM: the steps of
 * {@code PlanLoader.check} (validate mode), timed one by one, then the same steps again in the
 * same JVM (warm: no class loading, some JIT) to separate first-use costs from real work.
 *
 * <p>A profiling aid for bench/profile.sh, not part of the build: it lives in the package
 * io.cutover.load to reach PlanBinder and SemanticCheck, and mirrors PlanLoader.check as of
 * 2026-11-25 (commit 0419b79: the schema also checks the resolved values); if PlanLoader changes, update the steps here.
 */
public final class ValidatePhases {
    private static final List<String> names = new ArrayList<>();
    private static final List<Long> nanos = new ArrayList<>();
    private static long last;

    private static void lap(String name) {
        long now = System.nanoTime();
        names.add(name);
        nanos.add(now - last);
        last = now;
    }

    public static void main(String[] args) throws Exception {
        long mainAt = System.currentTimeMillis();
        last = System.nanoTime();
        Path file = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;

        org.slf4j.LoggerFactory.getLogger("bench"); // logging back-end start (logback + logback.xml)
        lap("logging init (slf4j + logback.xml)");
        HandlerRegistry registry = HandlerRegistry.defaults();
        lap("handler registry (ServiceLoader)");
        ObjectNode schemaNode = PlanSchema.build(registry);
        lap("plan schema build (Jackson, handler schemas)");
        SchemaCheck schemaCheck = new SchemaCheck(schemaNode);
        lap("schema validator setup (json-schema-validator)");

        for (int round = 1; round <= rounds; round++) {
            String r = rounds > 1 ? " [round " + round + "]" : "";
            PlanReader.Result read = new PlanReader().read(file, file.toString());
            lap("YAML read (SnakeYAML + positions tree)" + r);
            YamlTree tree = read.tree();
            List<Problem> raw = schemaCheck.check(tree);
            lap("schema validation" + r);
            LoadOptions options = LoadOptions.forValidate();
            Problems problems = new Problems(Set.of());
            Interpolation params = new Interpolation(options.env(), Map.of(), options.mode());
            JsonNode paramNode = params.resolve(tree, tree.root().path("params"), "/params", problems);
            Map<String, JsonNode> values = new HashMap<>();
            paramNode.properties().forEach(e -> values.put(e.getKey(), e.getValue()));
            Interpolation interpolation = new Interpolation(options.env(), values, options.mode());
            JsonNode resolved = interpolation.resolve(tree, tree.root(), "", problems);
            ((ObjectNode) resolved).set("params", JsonNodeFactory.instance.objectNode().setAll(values));
            lap("references (${...}) resolved" + r);
            schemaCheck.check(tree, resolved); // validate checks the resolved values against the schema too
            lap("schema validation of resolved values" + r);
            Set<String> ds = new HashSet<>();
            resolved.path("datasources").propertyNames().forEach(ds::add);
            Problems planProblems = new Problems(ds);
            Plan plan = new PlanBinder(tree, planProblems).bind(resolved);
            lap("bind to plan records" + r);
            new SemanticCheck(registry, tree, planProblems, Set.of()).check(plan);
            problems.addAll(planProblems.sorted());
            lap("semantic checks" + r);
            if (round == 1) {
                System.out.printf("plan: %s, %d tasks, %d problems (%d from the schema)%n",
                        file, plan.tasks().size(), problems.sorted().size() + raw.size(), raw.size());
            }
        }

        long vmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long total = 0;
        System.out.printf("%-60s %8s%n", "phase", "ms");
        System.out.printf("%-60s %8d%n", "JVM start to main() (VM init, class path, launcher)", mainAt - vmStart);
        for (int i = 0; i < names.size(); i++) {
            total += nanos.get(i);
            System.out.printf("%-60s %8.1f%n", names.get(i), nanos.get(i) / 1e6);
        }
        System.out.printf("%-60s %8.1f%n", "total in main()", total / 1e6);
        System.out.printf("classes loaded: %d%n", ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount());
    }
}
