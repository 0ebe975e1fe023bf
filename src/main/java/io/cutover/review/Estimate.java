package io.cutover.review;

import io.cutover.plan.Phase;
import io.cutover.plan.Task;
import io.cutover.plan.Window;
import java.time.Duration;
import java.util.Optional;

/**
 * How long a phase is expected to take: its {@code estimate}, else the sum of its tasks' estimates
 * (times the items of a {@code foreach}), else an assumed default that the review marks as such.
 *
 * @param duration the expected length
 * @param source   where the number comes from
 */
record Estimate(Duration duration, Source source) {
    /** What a phase with no estimate at all is drawn as. */
    static final Duration ASSUMED = Duration.ofMinutes(10);

    /** Where an estimate comes from. */
    enum Source { WRITTEN, FROM_TASKS, ASSUMED }

    static Estimate of(Phase phase) {
        if (phase.estimate().isPresent()) {
            return new Estimate(phase.estimate().get(), Source.WRITTEN);
        }
        Duration tasks = phase.tasks().stream().map(Task::estimate).flatMap(Optional::stream).reduce(Duration.ZERO, Duration::plus);
        if (!tasks.isZero()) {
            return new Estimate(tasks.multipliedBy(Math.max(1, phase.foreach().size())), Source.FROM_TASKS);
        }
        return new Estimate(ASSUMED, Source.ASSUMED);
    }

    boolean isAssumed() {
        return source == Source.ASSUMED;
    }

    /** How long a window stays open each time. */
    static Duration length(Window window) {
        if (window instanceof Window.Weekly weekly) {
            return weekly.length();
        }
        if (window instanceof Window.Cron cron) {
            return cron.duration();
        }
        return ((Window.OneOff) window).duration();
    }
}
