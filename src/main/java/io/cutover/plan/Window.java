package io.cutover.plan;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * When a plan may run: weekly, by a Quartz cron opening and a length, or once. All times are in
 * {@link #timezone()}.
 */
public sealed interface Window {

    /** The IANA zone all times of the window are written in. */
    ZoneId timezone();

    /** What happens when the window closes during a run. */
    OnClose onClose();

    /** Blackout dates: no window opens on them. */
    List<LocalDate> exclude();

    /** What a run does when its window closes. */
    enum OnClose { STOP, ROLLBACK, FINISH_PHASE }

    /** Every week on {@code days}, from {@code from} to {@code to} (past midnight when to &lt;= from). */
    record Weekly(Set<DayOfWeek> days, LocalTime from, LocalTime to, ZoneId timezone, OnClose onClose,
                  List<LocalDate> exclude) implements Window {
        public Weekly {
            days = Set.copyOf(days);
            exclude = List.copyOf(exclude);
        }

        /** The window's length. */
        public Duration length() {
            Duration d = Duration.between(from, to);
            return d.isNegative() || d.isZero() ? d.plusDays(1) : d;
        }
    }

    /** Opens when the Quartz cron expression fires, for {@code duration}. */
    record Cron(String cron, Duration duration, ZoneId timezone, OnClose onClose, List<LocalDate> exclude)
            implements Window {
        public Cron {
            exclude = List.copyOf(exclude);
        }
    }

    /** Opens once, at {@code at}, for {@code duration}. */
    record OneOff(LocalDateTime at, Duration duration, ZoneId timezone, OnClose onClose, List<LocalDate> exclude)
            implements Window {
        public OneOff {
            exclude = List.copyOf(exclude);
        }
    }
}
