package io.cutover.plan;

import java.time.Duration;

/**
 * How often and how long rollback triggers are watched.
 *
 * @param every           the sampling interval
 * @param baselineSamples samples taken before the first phase for {@code Nx baseline}
 * @param after           how long to keep watching after the last phase
 */
public record TriggerPolicy(Duration every, int baselineSamples, Duration after) {
    /** The defaults of plan-format.md: every 15s, 5 baseline samples, nothing after. */
    public static final TriggerPolicy DEFAULT = new TriggerPolicy(Duration.ofSeconds(15), 5, Duration.ZERO);
}
