package io.cutover.review;

import io.cutover.engine.ExecutionOrder;
import io.cutover.plan.Phase;
import io.cutover.plan.Plan;
import io.cutover.plan.Window;
import io.cutover.schedule.WindowCalendar;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The phases laid out in time from their estimates: the leading {@code anytime} phases end when the
 * window opens (they may run before it), every later phase follows the one before it from the
 * opening on. Without a window (or without an opening left) the phases start at the review's hour.
 *
 * @param zone    the zone the times are shown in
 * @param opening the window's next opening, if any
 * @param slots   the phases in run order
 */
record Timeline(String zone, Optional<WindowCalendar.Opening> opening, List<Slot> slots) {

    /**
     * One phase in time.
     *
     * @param before true for a leading anytime phase placed before the window
     * @param late   true when it ends after the window closes
     */
    record Slot(Phase phase, Estimate estimate, ZonedDateTime start, ZonedDateTime end, boolean before, boolean late) { }

    static Timeline of(Plan plan, Instant now) {
        Optional<Window> window = plan.window();
        Optional<WindowCalendar.Opening> opening = window.flatMap(w -> WindowCalendar.openAtOrAfter(w, now));
        ZonedDateTime origin = opening.map(WindowCalendar.Opening::start)
                .orElse(now.atZone(window.map(Window::timezone).orElse(ZoneOffset.UTC)).truncatedTo(ChronoUnit.HOURS));
        List<Phase> phases = ExecutionOrder.phases(plan);
        int leading = 0;
        while (window.isPresent() && leading < phases.size() && phases.get(leading).anytime()) {
            leading++;
        }
        Duration before = Duration.ZERO;
        for (Phase p : phases.subList(0, leading)) {
            before = before.plus(drawn(Estimate.of(p)));
        }
        List<Slot> slots = new ArrayList<>();
        ZonedDateTime at = origin.minus(before);
        for (int i = 0; i < phases.size(); i++) {
            Estimate estimate = Estimate.of(phases.get(i));
            ZonedDateTime end = at.plus(drawn(estimate));
            boolean late = opening.isPresent() && end.isAfter(opening.get().end()) && i >= leading;
            slots.add(new Slot(phases.get(i), estimate, at, end, i < leading, late));
            at = end;
        }
        return new Timeline(origin.getZone().getId(), opening, slots);
    }

    /** The length a phase is drawn with: whole minutes, at least one. */
    static Duration drawn(Estimate estimate) {
        long minutes = (estimate.duration().toSeconds() + 59) / 60;
        return Duration.ofMinutes(Math.max(1, minutes));
    }

    boolean hasAssumed() {
        return slots.stream().anyMatch(s -> s.estimate().isAssumed());
    }

    /** True when the chart spans more than one day (the axis then names the day). */
    boolean spansDays() {
        if (slots.isEmpty()) {
            return false;
        }
        ZonedDateTime first = slots.get(0).start();
        ZonedDateTime last = slots.get(slots.size() - 1).end();
        if (opening.isPresent() && opening.get().end().isAfter(last)) {
            last = opening.get().end();
        }
        return Duration.between(first, last).compareTo(Duration.ofHours(20)) > 0;
    }
}
