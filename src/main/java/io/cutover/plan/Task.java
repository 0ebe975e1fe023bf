package io.cutover.plan;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * One unit of work, carried out by the handler named by {@link #type()}. The common keys are
 * fields; the handler's own keys are read from {@link #spec()}, the task as written (references
 * resolved, except {@code ${item}} and {@code ${run.id}}, which the engine fills in).
 *
 * @param path      where it stands in the plan, such as {@code phases[1].tasks[0]}
 * @param positions where each key's value stands, by JSON Pointer relative to the task ({@code /up})
 */
public record Task(String id, String type, String phase, String description, List<String> needs,
                   Optional<Duration> timeout, Retries retries, Optional<Duration> estimate, boolean irreversible,
                   List<String> lintIgnore, JsonNode spec, String path, SourceLocation location,
                   Map<String, SourceLocation> positions) {

    public Task {
        needs = List.copyOf(needs);
        lintIgnore = List.copyOf(lintIgnore);
        positions = Map.copyOf(positions);
    }

    /** Where the value of {@code key} (a pointer relative to the task, such as {@code /up}) stands. */
    public SourceLocation locationOf(String key) {
        String pointer = key.startsWith("/") ? key : "/" + key;
        while (!pointer.isEmpty()) {
            SourceLocation at = positions.get(pointer);
            if (at != null) {
                return at;
            }
            pointer = pointer.substring(0, pointer.lastIndexOf('/'));
        }
        return location;
    }

    /** A handler key as text, when present and not null. */
    public Optional<String> text(String key) {
        JsonNode value = spec.get(key);
        return value == null || value.isNull() || value.isContainer() ? Optional.empty() : Optional.of(value.asString());
    }

    /** True when the handler key is present and not null. */
    public boolean has(String key) {
        JsonNode value = spec.get(key);
        return value != null && !value.isNull();
    }
}
