package io.cutover.engine;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The seam through which a rollback trigger or a closing window stops a run: whoever decides sets
 * it once; the engine starts no task once it is set, running handlers see it through
 * {@code TaskContext.isStopping()}, and the engine then does the stop's action.
 */
public final class StopSignal {
    /** Why the run stops and what it does then. */
    public record Stop(String reason, Action action, String triggerJson) { }

    /** What a stop leads to. */
    public enum Action { ROLLBACK, STOP }

    private final AtomicReference<Stop> stop = new AtomicReference<>();

    /** Sets the stop; the first one wins. */
    public boolean raise(Stop reason) {
        return stop.compareAndSet(null, reason);
    }

    /** The stop, once raised. */
    public Optional<Stop> get() {
        return Optional.ofNullable(stop.get());
    }

    public boolean isRaised() {
        return stop.get() != null;
    }
}
