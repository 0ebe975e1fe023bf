package io.cutover.review;

import io.cutover.plan.DurationText;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The timeline as a Mermaid {@code gantt} chart, in the window's local time: the window as a bar,
 * the phases from their estimates (a phase beyond the window's close is marked critical, one with
 * no estimate is drawn with an assumed length and labelled so), and the close as a milestone.
 */
final class GanttChart {
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private final Timeline timeline;
    private final String plan;

    GanttChart(Timeline timeline, String plan) {
        this.timeline = timeline;
        this.plan = plan;
    }

    /** The "Timeline" section: heading, chart and the notes under it. */
    String section() {
        StringBuilder out = new StringBuilder("### Timeline\n\n");
        out.append("```mermaid\n").append(chart()).append("```\n\n");
        out.append(notes());
        return out.toString();
    }

    String chart() {
        StringBuilder out = new StringBuilder("gantt\n");
        String when = timeline.opening().isPresent() ? "next window" : "no window";
        out.append("    title ").append(label(plan)).append(", ").append(when).append(", ").append(timeline.zone())
                .append(" local time\n");
        out.append("    dateFormat YYYY-MM-DD HH:mm\n");
        out.append("    axisFormat ").append(timeline.spansDays() ? "%a %H:%M" : "%H:%M").append('\n');
        out.append("    todayMarker off\n");
        timeline.opening().ifPresent(o -> out.append("    section Window\n    window open ")
                .append(DurationText.format(Duration.between(o.start(), o.end()))).append(" :active, window, ")
                .append(AT.format(o.start())).append(", ").append(AT.format(o.end())).append('\n'));
        String section = "";
        int n = 0;
        for (Timeline.Slot s : timeline.slots()) {
            String wanted = s.before() ? "Before the window (anytime)" : timeline.opening().isPresent() ? "In the window" : "Phases";
            if (!wanted.equals(section)) {
                out.append("    section ").append(wanted).append('\n');
                section = wanted;
            }
            out.append("    ").append(label(s)).append(" :").append(s.late() ? "crit, " : "").append("p").append(n++).append(", ")
                    .append(AT.format(s.start())).append(", ").append(AT.format(s.end())).append('\n');
        }
        timeline.opening().ifPresent(o -> out.append("    window closes :milestone, close, ").append(AT.format(o.end()))
                .append(", 0m\n"));
        return out.toString();
    }

    private static String label(Timeline.Slot s) {
        Estimate e = s.estimate();
        String length = DurationText.format(e.duration());
        String how = switch (e.source()) {
            case WRITTEN -> length;
            case FROM_TASKS -> length + " from task estimates";
            case ASSUMED -> length + " assumed, no estimate";
        };
        return label(s.phase().id() + " " + how + (s.phase().anytime() && !s.before() ? " anytime" : ""));
    }

    /** Text Mermaid takes as a label: no colon, semicolon or hash, which its syntax gives meaning to. */
    static String label(String text) {
        return text.replaceAll("[:;#]", " ").replaceAll("\\s+", " ").strip();
    }

    private String notes() {
        StringBuilder out = new StringBuilder();
        timeline.opening().ifPresent(o -> {
            List<Timeline.Slot> inWindow = timeline.slots().stream().filter(s -> !s.before() && !s.phase().anytime()).toList();
            Duration needed = inWindow.stream().filter(s -> !s.estimate().isAssumed()).map(s -> s.estimate().duration())
                    .reduce(Duration.ZERO, Duration::plus);
            long unknown = inWindow.stream().filter(s -> s.estimate().isAssumed()).count();
            Duration open = Duration.between(o.start(), o.end());
            out.append("The phases that need the window are estimated at ").append(DurationText.format(needed))
                    .append(unknown == 0 ? "" : " (not counting " + MarkdownReport.plural(unknown, "phase") + " without an estimate)")
                    .append(" of the ").append(DurationText.format(open)).append(" it is open")
                    .append(needed.compareTo(open) > 0 ? ": **they do not fit**" : "").append(".");
            if (timeline.slots().stream().anyMatch(Timeline.Slot::before)) {
                out.append(" Leading `anytime` phases are drawn just before the window opens.");
            }
            out.append('\n');
        });
        if (timeline.hasAssumed()) {
            out.append(timeline.opening().isPresent() ? "\n" : "").append("Phases without an estimate are drawn as ")
                    .append(DurationText.format(Estimate.ASSUMED)).append(" and labelled *assumed*.\n");
        }
        return out.toString();
    }
}
