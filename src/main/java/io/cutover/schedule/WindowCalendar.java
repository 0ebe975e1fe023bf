package io.cutover.schedule;

import io.cutover.plan.Window;
import java.text.ParseException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Optional;
import java.util.TimeZone;
import org.quartz.CronExpression;

/**
 * When a window is open. Local times follow java.time's rules: a time in a DST gap moves forward by
 * the gap's length (02:30 on a spring-forward night is 03:30 at the new offset); a time that occurs
 * twice means the earlier one.
 */
public final class WindowCalendar {
    private static final int MAX_DAYS = 3 * 366;

    private WindowCalendar() {
    }

    /** One opening of a window. */
    public record Opening(ZonedDateTime start, ZonedDateTime end) {
        /** True when {@code at} falls inside. */
        public boolean contains(Instant at) {
            return !at.isBefore(start.toInstant()) && at.isBefore(end.toInstant());
        }
    }

    /** The opening that is open at {@code at}, or else the next one after it; empty when none is left. */
    public static Optional<Opening> openAtOrAfter(Window window, Instant at) {
        if (window instanceof Window.Weekly weekly) {
            return weekly(weekly, at);
        }
        if (window instanceof Window.Cron cron) {
            return cron(cron, at);
        }
        Window.OneOff once = (Window.OneOff) window;
        ZonedDateTime start = ZonedDateTime.of(once.at(), once.timezone());
        Opening opening = new Opening(start, start.plus(once.duration()));
        return opening.end().toInstant().isAfter(at) && !excluded(window, start) ? Optional.of(opening) : Optional.empty();
    }

    /** The opening at {@code at}, if the window is open then. */
    public static Optional<Opening> openAt(Window window, Instant at) {
        return openAtOrAfter(window, at).filter(o -> o.contains(at));
    }

    private static Optional<Opening> weekly(Window.Weekly w, Instant at) {
        LocalDate day = at.atZone(w.timezone()).toLocalDate().minusDays(1);
        for (int i = 0; i < MAX_DAYS; i++, day = day.plusDays(1)) {
            if (!w.days().contains(day.getDayOfWeek()) || w.exclude().contains(day)) {
                continue;
            }
            ZonedDateTime start = ZonedDateTime.of(LocalDateTime.of(day, w.from()), w.timezone());
            LocalDate endDay = w.to().isAfter(w.from()) ? day : day.plusDays(1);
            ZonedDateTime end = ZonedDateTime.of(LocalDateTime.of(endDay, w.to()), w.timezone());
            if (end.toInstant().isAfter(at)) {
                return Optional.of(new Opening(start, end));
            }
        }
        return Optional.empty();
    }

    private static Optional<Opening> cron(Window.Cron w, Instant at) {
        CronExpression expression;
        try {
            expression = new CronExpression(w.cron());
        } catch (ParseException e) {
            return Optional.empty(); // the loader refuses such a plan
        }
        expression.setTimeZone(TimeZone.getTimeZone(w.timezone()));
        // A window that opened less than its length ago is still open: search from (at - length).
        Date from = Date.from(at.minus(w.duration()));
        Instant limit = at.plusSeconds(MAX_DAYS * 86400L);
        for (Date fire = expression.getTimeAfter(from); fire != null && fire.toInstant().isBefore(limit);
             fire = expression.getTimeAfter(fire)) {
            ZonedDateTime start = fire.toInstant().atZone(w.timezone());
            if (excluded(w, start)) {
                continue;
            }
            return Optional.of(new Opening(start, start.plus(w.duration())));
        }
        return Optional.empty();
    }

    private static boolean excluded(Window w, ZonedDateTime start) {
        return w.exclude().contains(start.toLocalDate());
    }
}
