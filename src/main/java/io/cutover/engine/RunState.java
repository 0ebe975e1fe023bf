package io.cutover.engine;

import java.util.Locale;
import java.util.Set;

/** The run states of cli.md. */
public enum RunState {
    RUNNING, WAITING, COMPLETED, FAILED, STOPPED, ROLLING_BACK, ROLLED_BACK, ROLLBACK_FAILED;

    /** The name cli.md uses. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state a wire name stands for. */
    public static RunState of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }

    /** States from which {@code run} goes on with the same run. */
    public static final Set<RunState> RESUMABLE = Set.of(RUNNING, WAITING, FAILED, STOPPED, ROLLING_BACK);
}
