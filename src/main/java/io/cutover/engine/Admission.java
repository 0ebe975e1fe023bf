package io.cutover.engine;

import io.cutover.plan.Phase;
import io.cutover.plan.Task;
import java.time.Instant;

/**
 * The seam for cutover windows: before each task the engine asks whether it may start now.
 */
public interface Admission {

    /** The answer for one task. */
    sealed interface Decision {
        /** Start it. */
        record Go() implements Decision { }

        /** Not now: the run stops resumably; {@code reason} says until when. */
        record NotNow(String reason) implements Decision { }
    }

    /** May {@code task} of {@code phase} start at {@code now}? */
    Decision admit(Phase phase, Task task, Instant now);

    /** Admits everything: {@code --ignore-window}, or a plan without a window. */
    static Admission always() {
        return (phase, task, now) -> new Decision.Go();
    }
}
