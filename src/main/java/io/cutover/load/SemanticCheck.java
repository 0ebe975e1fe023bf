package io.cutover.load;

import io.cutover.plan.ChecklistItem;
import io.cutover.plan.Metric;
import io.cutover.plan.Phase;
import io.cutover.plan.Plan;
import io.cutover.plan.SourceLocation;
import io.cutover.plan.Task;
import io.cutover.plan.Trigger;
import io.cutover.spi.Problem.Severity;
import io.cutover.spi.Problems;
import io.cutover.spi.TaskHandler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * The checks a schema cannot make: unique ids, {@code needs} references and cycles, datasource and
 * metric references, rollback coverage, and each handler's own checks.
 */
final class SemanticCheck {
    private final HandlerRegistry registry;
    private final YamlTree tree;
    private final Problems problems;
    private final Set<String> rejectedTasks;

    /** {@code rejectedTasks}: paths of tasks the schema check found keys wrong in; their coverage waits for the fix. */
    SemanticCheck(HandlerRegistry registry, YamlTree tree, Problems problems, Set<String> rejectedTasks) {
        this.registry = registry;
        this.tree = tree;
        this.problems = problems;
        this.rejectedTasks = Set.copyOf(rejectedTasks);
    }

    void check(Plan plan) {
        uniqueIds(plan);
        phaseGraph(plan);
        for (int i = 0; i < plan.phases().size(); i++) {
            Phase phase = plan.phases().get(i);
            taskGraph(phase, i);
            for (Task task : phase.tasks()) {
                checkTask(plan, task);
            }
        }
        for (int i = 0; i < plan.checklist().size(); i++) {
            ChecklistItem item = plan.checklist().get(i);
            String at = "/checklist/" + i;
            item.datasource().ifPresent(ds -> datasource(plan, ds, tree.valueAt(at + "/datasource"),
                    YamlTree.readable(at)));
        }
        for (Metric metric : plan.metrics().values()) {
            metric.datasource().ifPresent(ds -> datasource(plan, ds,
                    tree.valueAt("/metrics/" + metric.name() + "/datasource"), "metrics." + metric.name()));
        }
        for (int i = 0; i < plan.triggers().size(); i++) {
            Trigger trigger = plan.triggers().get(i);
            for (String metric : trigger.condition().metrics()) {
                if (!plan.metrics().containsKey(metric)) {
                    Set<String> known = new TreeSet<>(plan.metrics().keySet());
                    known.addAll(ConditionParser.SIGNALS);
                    problems.add(Severity.ERROR, trigger.location(), "rollback_triggers[" + i + "]",
                            "unknown metric '" + metric + "' in '" + trigger.when() + "'" + Suggestions.hint(metric, known)
                                    + (plan.metrics().isEmpty() ? "; the plan defines no metrics"
                                    : "; defined metrics: " + String.join(", ", plan.metrics().keySet())));
                }
            }
        }
    }

    private void uniqueIds(Plan plan) {
        Map<String, SourceLocation> phases = new HashMap<>();
        for (int i = 0; i < plan.phases().size(); i++) {
            Phase phase = plan.phases().get(i);
            duplicate(phases, phase.id(), tree.valueAt("/phases/" + i + "/id"), "phases[" + i + "]", "phase");
        }
        Map<String, SourceLocation> ids = new HashMap<>();
        for (int i = 0; i < plan.checklist().size(); i++) {
            duplicate(ids, plan.checklist().get(i).id(), tree.valueAt("/checklist/" + i + "/id"), "checklist[" + i + "]", "id");
        }
        for (Task task : plan.tasks()) {
            duplicate(ids, task.id(), task.locationOf("/id"), task.path(), "id");
        }
    }

    private void duplicate(Map<String, SourceLocation> seen, String id, SourceLocation at, String path, String what) {
        if (id.isEmpty()) {
            return;
        }
        SourceLocation first = seen.putIfAbsent(id, at);
        if (first != null) {
            problems.add(Severity.ERROR, at, path, "the " + what + " '" + id + "' is used twice (first at line "
                    + first.line() + "); " + (what.equals("id") ? "tasks and checklist items share one namespace" : "phase ids are unique"));
        }
    }

    private void phaseGraph(Plan plan) {
        Map<String, List<String>> edges = new LinkedHashMap<>();
        Set<String> ids = new TreeSet<>();
        plan.phases().forEach(p -> ids.add(p.id()));
        for (int i = 0; i < plan.phases().size(); i++) {
            Phase phase = plan.phases().get(i);
            List<String> known = new ArrayList<>();
            for (int j = 0; j < phase.needs().size(); j++) {
                String need = phase.needs().get(j);
                SourceLocation at = tree.valueAt("/phases/" + i + "/needs/" + j);
                if (need.equals(phase.id())) {
                    if (tree.root().path("phases").path(i).has("needs")) { // a default 'needs' on a duplicate id is not the author's
                        problems.add(Severity.ERROR, at, "phases[" + i + "]", "the phase '" + need + "' needs itself");
                    }
                } else if (!ids.contains(need)) {
                    problems.add(Severity.ERROR, at, "phases[" + i + "]", "unknown phase '" + need + "' in needs"
                            + Suggestions.hint(need, ids) + "; phases: " + String.join(", ", ids));
                } else {
                    known.add(need);
                }
            }
            edges.put(phase.id(), known);
        }
        cycle(edges).ifPresent(members -> problems.add(Severity.ERROR,
                plan.phase(members.get(0)).map(Phase::location).orElse(SourceLocation.start(tree.file())), "phases",
                "dependency cycle among phases: " + String.join(" -> ", members) + "; remove one of these 'needs'"));
    }

    private void taskGraph(Phase phase, int index) {
        Map<String, List<String>> edges = new LinkedHashMap<>();
        Set<String> ids = new TreeSet<>();
        phase.tasks().forEach(t -> ids.add(t.id()));
        for (Task task : phase.tasks()) {
            List<String> known = new ArrayList<>();
            for (int j = 0; j < task.needs().size(); j++) {
                String need = task.needs().get(j);
                if (need.equals(task.id())) {
                    if (task.spec().has("needs")) {
                        problems.error(task, "/needs/" + j, "the task '" + need + "' needs itself");
                    }
                } else if (!ids.contains(need)) {
                    problems.error(task, "/needs/" + j, "unknown task '" + need + "' in needs" + Suggestions.hint(need, ids)
                            + "; a task needs tasks of its own phase (" + phase.id() + "): " + String.join(", ", ids));
                } else {
                    known.add(need);
                }
            }
            edges.put(task.id(), known);
        }
        Map<String, Task> byId = new HashMap<>();
        phase.tasks().forEach(t -> byId.putIfAbsent(t.id(), t));
        cycle(edges).ifPresent(members -> problems.add(Severity.ERROR, byId.get(members.get(0)).location(),
                "phases[" + index + "].tasks", "dependency cycle among tasks: " + String.join(" -> ", members)
                        + "; remove one of these 'needs'"));
    }

    /** The first cycle found, as a closed walk (a -> b -> a), in the order the plan lists its members. */
    static Optional<List<String>> cycle(Map<String, List<String>> edges) {
        Map<String, Integer> state = new HashMap<>(); // 1: on the stack, 2: done
        for (String start : edges.keySet()) {
            List<String> stack = new ArrayList<>();
            Optional<List<String>> found = visit(start, edges, state, stack);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<List<String>> visit(String node, Map<String, List<String>> edges, Map<String, Integer> state,
                                                List<String> stack) {
        Integer s = state.get(node);
        if (s != null && s == 2) {
            return Optional.empty();
        }
        if (s != null && s == 1) {
            List<String> walk = new ArrayList<>(stack.subList(stack.indexOf(node), stack.size()));
            walk.add(node);
            return Optional.of(walk);
        }
        state.put(node, 1);
        stack.add(node);
        for (String next : edges.getOrDefault(node, List.of())) {
            Optional<List<String>> found = visit(next, edges, state, stack);
            if (found.isPresent()) {
                return found;
            }
        }
        stack.remove(stack.size() - 1);
        state.put(node, 2);
        return Optional.empty();
    }

    private void checkTask(Plan plan, Task task) {
        for (String key : List.of("/datasource", "/source/datasource", "/target/datasource")) {
            JsonNode ref = task.spec().at(key);
            if (ref.isString() && !ref.asString().contains("${")) {
                datasource(plan, ref.asString(), task.locationOf(key), task.path());
            }
        }
        Optional<TaskHandler> handler = registry.find(task.type());
        if (handler.isEmpty()) {
            return; // the schema check reports the unknown type, with the known ones
        }
        handler.get().check(task, problems);
        if (handler.get().changesState(task) && !handler.get().hasRollback(task) && !task.irreversible()
                && !rejectedTasks.contains(task.path())) {
            problems.error(task, "/id", "the task '" + task.id() + "' changes something but has no rollback: add 'down'"
                    + " (the inverse), or write irreversible: true if it cannot be undone, on purpose");
        }
        JsonNode since = task.spec().at("/since/task");
        if (since.isString()) {
            Function<String, Optional<Task>> find = id -> plan.tasks().stream().filter(t -> t.id().equals(id)).findFirst();
            Optional<Task> earlier = find.apply(since.asString());
            if (earlier.isEmpty() || !earlier.get().type().equals("copy")) {
                problems.error(task, "/since/task", "since.task names '" + since.asString()
                        + "', which is not a copy task of this plan");
            }
        }
    }

    private void datasource(Plan plan, String name, SourceLocation at, String path) {
        if (plan.datasources().containsKey(name)) {
            return;
        }
        Set<String> known = new TreeSet<>(plan.datasources().keySet());
        problems.add(Severity.ERROR, at, path, "unknown datasource '" + name + "'" + Suggestions.hint(name, known)
                + (known.isEmpty() ? "; the plan defines no datasources" : "; defined: " + String.join(", ", known)));
    }
}
