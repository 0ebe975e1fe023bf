package io.cutover.engine;

import io.cutover.plan.Phase;
import io.cutover.plan.Plan;
import io.cutover.plan.Task;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The order phases and tasks run in: dependencies first, otherwise as written (a stable
 * topological sort). The loader has refused cycles and unknown names.
 */
public final class ExecutionOrder {
    private ExecutionOrder() {
    }

    /** The phases in run order. */
    public static List<Phase> phases(Plan plan) {
        return sort(plan.phases(), Phase::id, Phase::needs);
    }

    /** A phase's tasks in run order. */
    public static List<Task> tasks(Phase phase) {
        return sort(phase.tasks(), Task::id, Task::needs);
    }

    /** Kahn's algorithm, always taking the earliest written item that is ready. */
    private static <T> List<T> sort(List<T> items, Function<T, String> id, Function<T, List<String>> needs) {
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            index.putIfAbsent(id.apply(items.get(i)), i);
        }
        int[] waiting = new int[items.size()];
        List<List<Integer>> dependents = new ArrayList<>();
        items.forEach(i -> dependents.add(new ArrayList<>()));
        for (int i = 0; i < items.size(); i++) {
            for (String need : needs.apply(items.get(i))) {
                Integer from = index.get(need);
                if (from != null && from != i) {
                    waiting[i]++;
                    dependents.get(from).add(i);
                }
            }
        }
        java.util.PriorityQueue<Integer> ready = new java.util.PriorityQueue<>();
        for (int i = 0; i < items.size(); i++) {
            if (waiting[i] == 0) {
                ready.add(i);
            }
        }
        List<T> out = new ArrayList<>();
        boolean[] placed = new boolean[items.size()];
        while (out.size() < items.size()) {
            Integer next = ready.poll();
            if (next == null) { // a cycle: the loader refuses it; place the rest as written rather than loop
                for (int i = 0; i < items.size(); i++) {
                    if (!placed[i]) {
                        placed[i] = true;
                        out.add(items.get(i));
                    }
                }
                break;
            }
            placed[next] = true;
            out.add(items.get(next));
            for (int d : dependents.get(next)) {
                if (--waiting[d] == 0) {
                    ready.add(d);
                }
            }
        }
        return out;
    }
}
