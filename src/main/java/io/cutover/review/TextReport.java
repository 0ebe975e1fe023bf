package io.cutover.review;

import io.cutover.plan.DurationText;
import io.cutover.plan.Plan;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The review for a terminal: the same content as the Markdown, without markup; findings as {@code file:line:col: level: message [rule]}. */
final class TextReport {
    private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ROOT);

    private TextReport() {
    }

    static String render(Review review) {
        Plan plan = review.source().plan();
        Overview o = review.overview();
        StringBuilder out = new StringBuilder("Review of ").append(plan.name());
        out.append(plan.version().isEmpty() ? "" : " (version " + plan.version() + ")").append(" from ").append(plan.file()).append('\n');
        if (!plan.description().isEmpty()) {
            out.append(plan.description()).append('\n');
        }
        out.append("Owners: ").append(plan.owners().isEmpty() ? "none named" : String.join(", ", plan.owners())).append('\n');
        o.datasources().forEach(d -> out.append("Datasource ").append(d.name()).append(": ").append(d.engine()).append(", ")
                .append(d.url()).append(d.lockTimeout().isEmpty() ? ", no lock_timeout" : ", lock_timeout " + d.lockTimeout()).append('\n'));
        o.window().ifPresentOrElse(w -> {
            out.append("Window: ").append(w.description()).append(", open ").append(w.length()).append('\n');
            out.append(w.openNow() ? "  open now: " : "  next opening: ").append(w.opening().isEmpty() ? "none left" : w.opens())
                    .append('\n');
        }, () -> out.append("Window: none (the plan may run at any time)\n"));
        out.append("\nTimeline (from the estimates):\n");
        for (Timeline.Slot s : review.timeline().slots()) {
            out.append(String.format("  %s - %s  %-20s %s%s%n", HM.format(s.start()), HM.format(s.end()), s.phase().id(),
                    DurationText.format(s.estimate().duration()), note(s)));
        }
        out.append("\nTasks and their rollback:\n");
        for (TaskSummary.Row r : review.tasks()) {
            out.append("  ").append(r.task()).append(" [").append(r.type()).append("] ").append(r.does()).append('\n')
                    .append("      rollback: ").append(r.irreversible() ? "IRREVERSIBLE" : r.rollback().isEmpty() ? "nothing to undo"
                            : r.rollback()).append('\n');
        }
        list(out, "Checklist", o.checklist().stream().map(c -> c.id() + ": " + c.text() + " (" + c.how() + ")").toList());
        list(out, "Rollback triggers", o.triggers().stream().map(Overview.TriggerLine::words).toList());
        findings(out, review.lint());
        review.changes().ifPresent(changes -> changes(out, changes, review.baseSource().orElseThrow().plan().file()));
        return out.toString();
    }

    private static String note(Timeline.Slot s) {
        String estimate = switch (s.estimate().source()) {
            case WRITTEN -> "";
            case FROM_TASKS -> " (from task estimates)";
            case ASSUMED -> " (assumed: no estimate)";
        };
        return estimate + (s.before() ? " (anytime, before the window)" : "") + (s.late() ? " (after the window closes)" : "");
    }

    private static void list(StringBuilder out, String title, List<String> items) {
        out.append('\n').append(title).append(items.isEmpty() ? ": none\n" : ":\n");
        items.forEach(i -> out.append("  - ").append(i).append('\n'));
    }

    private static void findings(StringBuilder out, Lint.Report lint) {
        out.append("\nLint findings").append(lint.findings().isEmpty() ? ": none\n" : ":\n");
        for (Finding f : lint.findings()) {
            out.append(f.location()).append(": ").append(f.severity().label()).append(": ")
                    .append(f.task().map(t -> t + ": ").orElse("")).append(f.message()).append(" [").append(f.ruleId()).append("]\n");
        }
        if (!lint.suppressed().isEmpty()) {
            out.append("(").append(MarkdownReport.plural(lint.suppressed().size(), "finding")).append(" silenced by lint: ignore)\n");
        }
    }

    private static void changes(StringBuilder out, List<Change> changes, String baseFile) {
        out.append("\nChanges against ").append(baseFile).append(changes.isEmpty() ? ": none\n" : ":\n");
        for (Change c : changes) {
            String where = c.isPlanLevel() ? "plan" : c.task().isEmpty() ? "phase " + c.phase() : "task " + c.task();
            out.append("  ").append(where).append(": ").append(c.kind().label());
            if (c.kind() == Change.Kind.MOVED) {
                out.append(" from phase ").append(c.old()).append(" to ").append(c.now());
            } else if (!c.key().isEmpty() && c.diff().isEmpty()) {
                out.append(' ').append(c.key()).append(": ").append(c.old().isEmpty() ? "(none)" : c.old()).append(" -> ")
                        .append(c.now().isEmpty() ? "(none)" : c.now());
            } else if (!c.key().isEmpty()) {
                out.append(' ').append(c.key()).append(":\n");
                c.diff().get().lines().forEach(l -> out.append("    ").append(l).append('\n'));
                continue;
            }
            out.append('\n');
        }
    }
}
