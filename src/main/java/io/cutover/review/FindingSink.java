package io.cutover.review;

import io.cutover.plan.SourceLocation;
import io.cutover.plan.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Where the lint checks put what they find. */
final class FindingSink {
    private final List<Finding> found = new ArrayList<>();

    /** A finding about a task, at the rule's own severity. */
    void task(Rule rule, Task task, SourceLocation at, String message) {
        task(rule, rule.severity(), task, at, message);
    }

    /** A finding about a task at a given severity. */
    void task(Rule rule, Severity severity, Task task, SourceLocation at, String message) {
        found.add(new Finding(rule, severity, Optional.of(task.id()), task.path(), at, message));
    }

    /** A finding about the plan as a whole ({@code path} such as {@code window}). */
    void plan(Rule rule, String path, SourceLocation at, String message) {
        found.add(new Finding(rule, rule.severity(), Optional.empty(), path, at, message));
    }

    List<Finding> all() {
        return List.copyOf(found);
    }
}
