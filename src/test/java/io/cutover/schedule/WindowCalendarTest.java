package io.cutover.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.plan.Window;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WindowCalendarTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static Window.Weekly sundays(String from, String to, List<LocalDate> exclude) {
        return new Window.Weekly(Set.of(DayOfWeek.SUNDAY), LocalTime.parse(from), LocalTime.parse(to), BERLIN,
                Window.OnClose.STOP, exclude);
    }

    @Test
    void weeklyFindsTheNextSunday() {
        Instant wednesday = ZonedDateTime.of(2026, 11, 25, 12, 0, 0, 0, BERLIN).toInstant();
        var o = WindowCalendar.openAtOrAfter(sundays("02:00", "06:00", List.of()), wednesday).orElseThrow();
        assertEquals(ZonedDateTime.of(2026, 11, 29, 2, 0, 0, 0, BERLIN), o.start());
        assertEquals(ZonedDateTime.of(2026, 11, 29, 6, 0, 0, 0, BERLIN), o.end());
        assertFalse(o.contains(wednesday));
    }

    @Test
    void weeklyIsOpenInsideAndSkipsBlackoutDates() {
        Instant inside = ZonedDateTime.of(2026, 12, 27, 3, 0, 0, 0, BERLIN).toInstant();
        var window = sundays("02:00", "06:00", List.of(LocalDate.of(2026, 12, 27)));
        var o = WindowCalendar.openAtOrAfter(window, inside).orElseThrow();
        assertEquals(LocalDate.of(2027, 1, 3), o.start().toLocalDate());
        assertTrue(WindowCalendar.openAt(sundays("02:00", "06:00", List.of()), inside).isPresent());
    }

    @Test
    void aWindowPastMidnightEndsTheNextDay() {
        Instant mondayOne = ZonedDateTime.of(2026, 11, 30, 1, 0, 0, 0, BERLIN).toInstant();
        var o = WindowCalendar.openAt(sundays("22:00", "02:00", List.of()), mondayOne).orElseThrow();
        assertEquals(ZonedDateTime.of(2026, 11, 29, 22, 0, 0, 0, BERLIN), o.start());
        assertEquals(ZonedDateTime.of(2026, 11, 30, 2, 0, 0, 0, BERLIN), o.end());
    }

    @Test
    void aTimeInTheSpringGapMovesForwardByTheGap() {
        var once = new Window.OneOff(LocalDateTime.parse("2031-03-09T02:30"), Duration.ofHours(2), NEW_YORK,
                Window.OnClose.STOP, List.of());
        var o = WindowCalendar.openAtOrAfter(once, Instant.parse("2031-01-01T00:00:00Z")).orElseThrow();
        assertEquals(LocalTime.of(3, 30), o.start().toLocalTime());
        assertEquals("-04:00", o.start().getOffset().getId());
        assertEquals(Instant.parse("2031-03-09T07:30:00Z"), o.start().toInstant());
    }

    @Test
    void aTimeInTheAutumnOverlapMeansTheEarlierOne() {
        var once = new Window.OneOff(LocalDateTime.parse("2026-10-25T02:30"), Duration.ofHours(1), BERLIN,
                Window.OnClose.STOP, List.of());
        var o = WindowCalendar.openAtOrAfter(once, Instant.parse("2026-01-01T00:00:00Z")).orElseThrow();
        assertEquals("+02:00", o.start().getOffset().getId(), "the first 02:30, still summer time");
    }

    @Test
    void aOneOffWindowThatHasPassedHasNoOpening() {
        var once = new Window.OneOff(LocalDateTime.parse("2020-01-01T02:00"), Duration.ofHours(1), BERLIN,
                Window.OnClose.STOP, List.of());
        assertTrue(WindowCalendar.openAtOrAfter(once, Instant.parse("2026-01-01T00:00:00Z")).isEmpty());
    }

    @Test
    void cronOpensInItsZoneAndStaysOpenForItsDuration() {
        var cron = new Window.Cron("0 0 2 ? * SUN", Duration.ofHours(4), BERLIN, Window.OnClose.STOP, List.of());
        Instant inside = ZonedDateTime.of(2026, 11, 29, 5, 0, 0, 0, BERLIN).toInstant();
        var o = WindowCalendar.openAtOrAfter(cron, inside).orElseThrow();
        assertEquals(ZonedDateTime.of(2026, 11, 29, 2, 0, 0, 0, BERLIN).toInstant(), o.start().toInstant());
        assertTrue(o.contains(inside));
        Instant after = ZonedDateTime.of(2026, 11, 29, 6, 0, 0, 0, BERLIN).toInstant();
        assertEquals(LocalDate.of(2026, 12, 6), WindowCalendar.openAtOrAfter(cron, after).orElseThrow().start().toLocalDate());
    }

    @Test
    void cronRulesExplainABadExpression() {
        assertTrue(CronRules.problem("0 0 2 ? * SUN").isEmpty());
        assertTrue(CronRules.problem("0 0 2 * * SUN").orElseThrow().contains("Quartz cron"));
        assertTrue(CronRules.problem("every sunday").isPresent());
    }
}
