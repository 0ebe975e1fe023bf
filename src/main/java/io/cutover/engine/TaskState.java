package io.cutover.engine;

import java.util.Locale;

/** The task states of cli.md. */
public enum TaskState {
    PENDING, RUNNING, WAITING, SUCCEEDED, FAILED, ROLLING_BACK, ROLLED_BACK, UNKNOWN, SKIPPED;

    /** The name cli.md uses. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state a wire name stands for. */
    public static TaskState of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
