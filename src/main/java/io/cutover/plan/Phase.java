package io.cutover.plan;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A step of the plan: tasks run in dependency order, once or once per {@code foreach} item.
 *
 * @param needs the phases that must be done first (resolved: the phase before it when not written)
 */
public record Phase(String id, String description, List<String> needs, Optional<Duration> estimate,
                    boolean anytime, List<String> foreach, OnFailure onFailure, List<Task> tasks,
                    SourceLocation location) {

    /** What a failing phase does. */
    public enum OnFailure { ROLLBACK, STOP }

    public Phase {
        needs = List.copyOf(needs);
        foreach = List.copyOf(foreach);
        tasks = List.copyOf(tasks);
    }

    /** True when the tasks run once per item. */
    public boolean isForeach() {
        return !foreach.isEmpty();
    }
}
