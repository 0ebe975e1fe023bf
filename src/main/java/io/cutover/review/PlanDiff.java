package io.cutover.review;

import io.cutover.review.Change.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What changed from a base plan to a plan, phase by phase and task by task, on the trees as written
 * (references unresolved). Phases and tasks are matched by id, so a task that moved to another
 * phase is "moved", not removed and added; list items with an {@code id} (checklist) are matched by
 * id too, other lists item by item.
 */
final class PlanDiff {
    private final String baseName;
    private final String planName;
    private final List<Change> out = new ArrayList<>();

    private PlanDiff(String baseName, String planName) {
        this.baseName = baseName;
        this.planName = planName;
    }

    /** The changes, top-level keys first, then each phase of the plan with its tasks, then what was removed. */
    static List<Change> between(JsonNode base, String baseName, JsonNode plan, String planName) {
        PlanDiff diff = new PlanDiff(baseName, planName);
        diff.run(base, plan);
        return List.copyOf(diff.out);
    }

    private void run(JsonNode base, JsonNode plan) {
        for (String key : keys(base, plan)) {
            if (!key.equals("phases")) {
                compare("", "", key, base.path(key), plan.path(key));
            }
        }
        Map<String, JsonNode> basePhases = byId(base.path("phases"));
        Map<String, String> baseTaskPhase = new LinkedHashMap<>();
        Map<String, JsonNode> baseTasks = new LinkedHashMap<>();
        basePhases.forEach((id, phase) -> byId(phase.path("tasks")).forEach((task, node) -> {
            baseTaskPhase.put(task, id);
            baseTasks.put(task, node);
        }));
        Set<String> seenTasks = new LinkedHashSet<>();
        for (Map.Entry<String, JsonNode> e : byId(plan.path("phases")).entrySet()) {
            String phase = e.getKey();
            JsonNode before = basePhases.get(phase);
            if (before == null) {
                out.add(new Change(Kind.ADDED, phase, "", "", "", "", Optional.empty()));
            } else {
                for (String key : keys(before, e.getValue())) {
                    if (!key.equals("tasks")) {
                        compare(phase, "", key, before.path(key), e.getValue().path(key));
                    }
                }
            }
            for (Map.Entry<String, JsonNode> t : byId(e.getValue().path("tasks")).entrySet()) {
                seenTasks.add(t.getKey());
                task(phase, t.getKey(), baseTaskPhase.get(t.getKey()), baseTasks.get(t.getKey()), t.getValue());
            }
        }
        Map<String, JsonNode> planPhases = byId(plan.path("phases"));
        basePhases.keySet().stream().filter(id -> !planPhases.containsKey(id))
                .forEach(id -> out.add(new Change(Kind.REMOVED, id, "", "", "", "", Optional.empty())));
        baseTasks.keySet().stream().filter(id -> !seenTasks.contains(id))
                .forEach(id -> out.add(new Change(Kind.REMOVED, baseTaskPhase.get(id), id, "", "", "", Optional.empty())));
    }

    private void task(String phase, String id, String basePhase, JsonNode before, JsonNode now) {
        if (before == null) {
            out.add(new Change(Kind.ADDED, phase, id, "", "", "", Optional.empty()));
            return;
        }
        if (!basePhase.equals(phase)) {
            out.add(new Change(Kind.MOVED, phase, id, "", basePhase, phase, Optional.empty()));
        }
        for (String key : keys(before, now)) {
            compare(phase, id, key, before.path(key), now.path(key));
        }
    }

    private void compare(String phase, String task, String path, JsonNode a, JsonNode b) {
        if (a.equals(b)) {
            return;
        }
        if (a.isMissingNode()) {
            out.add(leaf(Kind.ADDED, phase, task, path, "", text(b)));
        } else if (b.isMissingNode()) {
            out.add(leaf(Kind.REMOVED, phase, task, path, text(a), ""));
        } else if (a.isObject() && b.isObject()) {
            for (String key : keys(a, b)) {
                compare(phase, task, path + "." + key, a.path(key), b.path(key));
            }
        } else if (a.isArray() && b.isArray() && hasIds(a) && hasIds(b)) {
            Map<String, JsonNode> before = byId(a);
            Map<String, JsonNode> after = byId(b);
            Set<String> ids = new LinkedHashSet<>(after.keySet());
            ids.addAll(before.keySet());
            for (String id : ids) {
                compare(phase, task, path + "[" + id + "]", node(before.get(id)), node(after.get(id)));
            }
        } else if (a.isArray() && b.isArray() && (hasObjects(a) || hasObjects(b))) {
            for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                compare(phase, task, path + "[" + i + "]", a.path(i), b.path(i));
            }
        } else {
            out.add(leaf(Kind.CHANGED, phase, task, path, text(a), text(b)));
        }
    }

    private Change leaf(Kind kind, String phase, String task, String path, String old, String now) {
        Optional<String> diff = Optional.empty();
        if (old.contains("\n") || now.contains("\n")) {
            String where = (task.isEmpty() ? phase.isEmpty() ? "" : "phase " + phase + " " : "task " + task + " ") + path;
            diff = Optional.of(UnifiedDiff.of(old, now, baseName + " (" + where.strip() + ")", planName + " (" + where.strip() + ")"));
        }
        return new Change(kind, phase, task, path, old, now, diff);
    }

    private static String text(JsonNode value) {
        return value.isString() ? value.asString() : YamlText.flow(value);
    }

    private static JsonNode node(JsonNode value) {
        return value == null ? tools.jackson.databind.node.MissingNode.getInstance() : value;
    }

    private static boolean hasIds(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.path("id").isString()) {
                return false;
            }
        }
        return !array.isEmpty();
    }

    private static boolean hasObjects(JsonNode array) {
        for (JsonNode item : array) {
            if (item.isContainer()) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, JsonNode> byId(JsonNode array) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode item : array) {
            out.putIfAbsent(item.path("id").asString(""), item);
        }
        return out;
    }

    /** The keys of b in order, then those only a has. */
    private static Set<String> keys(JsonNode a, JsonNode b) {
        Set<String> out = new LinkedHashSet<>();
        b.propertyNames().forEach(out::add);
        a.propertyNames().forEach(out::add);
        return out;
    }
}
