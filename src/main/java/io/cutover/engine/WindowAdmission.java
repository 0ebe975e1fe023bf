package io.cutover.engine;

import io.cutover.plan.DurationText;
import io.cutover.plan.Phase;
import io.cutover.plan.Task;
import io.cutover.plan.Window;
import io.cutover.schedule.WindowCalendar;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Admission by the plan's window (plan-format.md): outside it only {@code anytime} phases run;
 * inside it a task starts only when its estimate (or its phase's) fits in what is left.
 */
public final class WindowAdmission implements Admission {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx");
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");
    private final Window window;

    public WindowAdmission(Window window) {
        this.window = window;
    }

    @Override
    public Decision admit(Phase phase, Task task, Instant now) {
        if (phase.anytime()) {
            return new Decision.Go();
        }
        Optional<WindowCalendar.Opening> opening = WindowCalendar.openAtOrAfter(window, now);
        if (opening.isEmpty()) {
            return new Decision.NotNow("the window " + DryRun.describe(window) + " has no opening left; phase '"
                    + phase.id() + "' needs the window");
        }
        WindowCalendar.Opening o = opening.get();
        if (!o.contains(now)) {
            return new Decision.NotNow("outside the window: phase '" + phase.id() + "' needs the window, which opens next at "
                    + when(o) + DryRun.gapNote(window, o.start()).map(n -> " (" + n + ")").orElse(""));
        }
        Optional<Duration> estimate = task.estimate().or(phase::estimate);
        Duration left = Duration.between(now, o.end().toInstant());
        if (estimate.isPresent() && estimate.get().compareTo(left) > 0) {
            Optional<WindowCalendar.Opening> next = WindowCalendar.openAtOrAfter(window, o.end().toInstant());
            return new Decision.NotNow("task '" + task.id() + "' is estimated at " + DurationText.format(estimate.get())
                    + " but the window closes in " + DurationText.format(left.withNanos(0))
                    + next.map(n -> "; the next window opens at " + when(n)).orElse(""));
        }
        return new Decision.Go();
    }

    static String when(WindowCalendar.Opening o) {
        return LOCAL.format(o.start()) + " " + o.start().getZone() + " (" + UTC.format(o.start().withZoneSameInstant(ZoneOffset.UTC)) + ")";
    }
}
