package io.cutover.plan;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated plan (plan-format.md, version 1). A plan is known by its {@link #name()}: its runs,
 * lock and history belong to the name, not to the file.
 *
 * <pre>{@code
 * Plan plan = Cutover.load(Path.of("plans/orders.yaml"), LoadOptions.forPlan());
 * for (Phase phase : plan.phases()) { ... }
 * }</pre>
 */
public record Plan(String file, String name, String version, String description, List<String> owners,
                   Map<String, Object> params, Map<String, Datasource> datasources, Optional<Window> window,
                   List<ChecklistItem> checklist, Map<String, Metric> metrics, List<Trigger> triggers,
                   TriggerPolicy triggerPolicy, List<Phase> phases) {

    public Plan {
        owners = List.copyOf(owners);
        params = Map.copyOf(params);
        datasources = Map.copyOf(datasources);
        checklist = List.copyOf(checklist);
        metrics = Map.copyOf(metrics);
        triggers = List.copyOf(triggers);
        phases = List.copyOf(phases);
    }

    /** The phase with this id. */
    public Optional<Phase> phase(String id) {
        return phases.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** Every task of every phase, in the order written. */
    public List<Task> tasks() {
        return phases.stream().flatMap(p -> p.tasks().stream()).toList();
    }
}
