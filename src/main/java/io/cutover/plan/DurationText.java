package io.cutover.plan;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as plans write them: {@code 500ms}, {@code 30s}, {@code 10m}, {@code 4h}, {@code 2d},
 * {@code 2 weeks}, {@code 1h 30m}, or ISO-8601 ({@code PT4H}); and back to the short form.
 */
public final class DurationText {
    private static final Pattern PART = Pattern.compile(
            "\\s*(\\d+(?:\\.\\d+)?)\\s*(ms|millis|milliseconds?|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?"
                    + "|d|days?|w|weeks?)(?![a-z])\\s*");
    /** What a duration looks like, for messages. */
    public static final String EXPECTED = "a duration such as 500ms, 30s, 10m, 4h, 2d, 2 weeks or PT4H";

    /** About 100 years: anything longer is refused rather than silently wrapped. */
    private static final double MAX_NANOS = 100 * 366 * 86400e9;

    private DurationText() {
    }

    /** The duration written, or empty when the text is not one. */
    public static Optional<Duration> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("p") || t.startsWith("-p")) {
            try {
                Duration d = Duration.parse(t.toUpperCase(Locale.ROOT));
                return d.isNegative() || d.toNanos() > MAX_NANOS ? Optional.empty() : Optional.of(d);
            } catch (DateTimeParseException | ArithmeticException e) {
                return Optional.empty();
            }
        }
        Matcher m = PART.matcher(t);
        Duration total = Duration.ZERO;
        int at = 0;
        boolean any = false;
        while (at < t.length()) {
            if (!m.find(at) || m.start() != at) {
                return Optional.empty();
            }
            double nanos = Double.parseDouble(m.group(1)) * unitNanos(m.group(2));
            if (nanos > MAX_NANOS) {
                return Optional.empty(); // centuries: a typo, not a plan
            }
            total = total.plus(Duration.ofNanos(Math.round(nanos)));
            at = m.end();
            any = true;
        }
        return any ? Optional.of(total) : Optional.empty();
    }

    private static double unitNanos(String unit) {
        if (unit.startsWith("ms") || unit.startsWith("milli")) {
            return 1e6;
        }
        return switch (unit.charAt(0)) {
            case 's' -> 1e9;
            case 'm' -> 60e9;
            case 'h' -> 3600e9;
            case 'd' -> 86400e9;
            default -> 7 * 86400e9; // w, weeks
        };
    }

    /** The short form: {@code 1h30m}, {@code 45s}, {@code 500ms}. */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        long days = d.toDays();
        if (days > 0) {
            out.append(days).append('d');
        }
        if (d.toHoursPart() > 0) {
            out.append(d.toHoursPart()).append('h');
        }
        if (d.toMinutesPart() > 0) {
            out.append(d.toMinutesPart()).append('m');
        }
        if (d.toSecondsPart() > 0) {
            out.append(d.toSecondsPart()).append('s');
        }
        if (d.toMillisPart() > 0) {
            out.append(d.toMillisPart()).append("ms");
        }
        return out.toString();
    }
}
