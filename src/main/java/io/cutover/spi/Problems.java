package io.cutover.spi;

import io.cutover.plan.SourceLocation;
import io.cutover.plan.Task;
import io.cutover.spi.Problem.Severity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Where a check puts what it finds. A handler's {@link TaskHandler#check} reports against a task
 * key, and the position comes from the plan:
 *
 * <pre>{@code
 * if (task.text("down").isEmpty() && !task.irreversible()) {
 *     problems.error(task, "/down", "a copy needs 'down' (truncate, delete_copied) or irreversible: true");
 * }
 * }</pre>
 */
public final class Problems {
    private final List<Problem> found = new ArrayList<>();
    private final Set<String> datasources;

    /** An empty collection; {@code datasources} are the names the plan defines. */
    public Problems(Set<String> datasources) {
        this.datasources = Set.copyOf(datasources);
    }

    /** The datasource names the plan defines, for handlers that check references. */
    public Set<String> datasources() {
        return datasources;
    }

    /** An error about a key of a task ({@code key} is a pointer relative to the task, such as {@code /down}). */
    public void error(Task task, String key, String message) {
        add(Severity.ERROR, task.locationOf(key), task.path(), message);
    }

    /** A warning about a key of a task. */
    public void warning(Task task, String key, String message) {
        add(Severity.WARNING, task.locationOf(key), task.path(), message);
    }

    /** A problem at a known place. */
    public void add(Severity severity, SourceLocation at, String path, String message) {
        found.add(new Problem(severity, at, path, message));
    }

    /** Adds problems found elsewhere. */
    public void addAll(List<Problem> problems) {
        found.addAll(problems);
    }

    /** True when an error (not only warnings) was found. */
    public boolean hasErrors() {
        return found.stream().anyMatch(Problem::isError);
    }

    /** Everything found, sorted by position, without exact repeats. */
    public List<Problem> sorted() {
        List<Problem> out = new ArrayList<>(new java.util.LinkedHashSet<>(found));
        Collections.sort(out);
        return List.copyOf(out);
    }
}
