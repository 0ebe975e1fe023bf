package io.cutover.review;

import java.util.Optional;

/**
 * One difference between a plan and its base, as written in the two files.
 *
 * @param kind  added, removed, changed, or moved (a task now in another phase)
 * @param phase the phase it is in (for a removed task: the phase it was in); empty for top-level keys
 * @param task  the task; empty for a phase or a top-level key
 * @param key   the key that changed, as a plan path relative to the task, phase or plan ({@code estimate},
 *              {@code checks[1]}, {@code rollback_triggers[0].for}); empty for an added or removed task or phase
 * @param old   the value before, as written on one line; empty when added
 * @param now   the value now, as written on one line; empty when removed
 * @param diff  a unified diff when either value spans several lines (SQL, scripts)
 */
public record Change(Kind kind, String phase, String task, String key, String old, String now, Optional<String> diff) {

    /** What happened to the thing. */
    public enum Kind { ADDED, REMOVED, CHANGED, MOVED;

        /** The word in every output. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** True for a change of a top-level key (window, datasources, triggers, ...). */
    public boolean isPlanLevel() {
        return phase.isEmpty() && task.isEmpty();
    }
}
