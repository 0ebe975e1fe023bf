package io.cutover.engine;

import java.time.Clock;
import java.util.Map;
import java.util.Set;

/**
 * How {@code cutover run} was asked to run.
 *
 * @param ignoreWindow run now, whatever the window says
 * @param acks         manual checklist items and approval tasks acknowledged at start
 * @param allowDrift   record changed definitions of applied tasks instead of refusing
 * @param resolve      operator decisions for tasks whose outcome is unknown: task id -> applied | not_applied
 */
public record RunOptions(boolean ignoreWindow, Set<String> acks, boolean allowDrift, Map<String, String> resolve,
                         Clock clock) {
    public RunOptions {
        acks = Set.copyOf(acks);
        resolve = Map.copyOf(resolve);
    }

    /** Defaults: honour the window, no acks, no drift, the system clock. */
    public static RunOptions defaults() {
        return new RunOptions(false, Set.of(), false, Map.of(), Clock.systemUTC());
    }
}
