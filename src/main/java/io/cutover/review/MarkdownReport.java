package io.cutover.review;

import io.cutover.plan.Plan;
import java.util.List;
import java.util.Optional;

/**
 * The review as Markdown for a pull-request comment: summary, timeline (a Mermaid gantt chart),
 * tasks with their rollback, checklist, triggers, lint findings with links to their lines, and the
 * changes against the base. The same plan and clock give the same text, byte for byte.
 */
final class MarkdownReport {
    private final Review review;
    private final FileLinks links;
    private final StringBuilder out = new StringBuilder();

    MarkdownReport(Review review, FileLinks links) {
        this.review = review;
        this.links = links;
    }

    String render() {
        summary();
        out.append('\n').append(new GanttChart(review.timeline(), review.source().plan().name()).section());
        tasks();
        checklist();
        triggers();
        findings();
        review.changes().ifPresent(changes -> out.append('\n').append(new ChangesMarkdown(changes,
                review.baseSource().orElseThrow().plan().file()).render()));
        return out.toString();
    }

    private void summary() {
        Plan plan = review.source().plan();
        Overview o = review.overview();
        out.append("## cutover review: ").append(Md.code(plan.name()));
        if (!plan.version().isEmpty()) {
            out.append(" version ").append(Md.text(plan.version()));
        }
        out.append("\n\n");
        if (!plan.description().isEmpty()) {
            out.append(Md.text(plan.description())).append("\n\n");
        }
        out.append("| | |\n| --- | --- |\n");
        out.append(Md.row("Plan", Md.code(plan.file())));
        out.append(Md.row("Owners", plan.owners().isEmpty() ? "none named" : Md.text(String.join(", ", plan.owners()))));
        Optional<Overview.WindowLine> window = o.window();
        if (window.isEmpty()) {
            out.append(Md.row("Window", "none: the plan may run at any time"));
        } else {
            Overview.WindowLine w = window.get();
            boolean weekly = review.source().plan().window().orElseThrow() instanceof io.cutover.plan.Window.Weekly;
            out.append(Md.row("Window", Md.text(w.description() + (weekly ? ", open " + w.length() + " each time" : ""))));
            out.append(Md.row(w.openNow() ? "Open now" : "Next opening", w.opening().isEmpty() ? "none left: the window has passed"
                    : Md.text(w.opens()) + "<br>closes " + Md.text(w.closes())));
        }
        out.append(Md.row("Lint", counts()));
        List<Overview.DatasourceLine> datasources = o.datasources();
        if (!datasources.isEmpty()) {
            out.append("\n**Datasources** (URLs as written; references are not resolved)\n\n");
            out.append(Md.row("Name", "Engine", "URL", "lock_timeout")).append("| --- | --- | --- | --- |\n");
            for (Overview.DatasourceLine d : datasources) {
                out.append(Md.row(Md.code(d.name()), d.engine(), Md.code(d.url()), d.lockTimeout().isEmpty() ? "none" : d.lockTimeout()));
            }
        }
    }

    private String counts() {
        long errors = review.lint().findings().stream().filter(f -> f.severity() == Severity.ERROR).count();
        long warnings = review.lint().findings().size() - errors;
        String text = plural(errors, "error") + ", " + plural(warnings, "warning");
        int silenced = review.lint().suppressed().size();
        return text + (silenced == 0 ? "" : " (" + silenced + " silenced by lint: ignore)");
    }

    static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    private void tasks() {
        List<TaskSummary.Row> rows = review.tasks();
        out.append("\n### Tasks and their rollback\n\n");
        out.append(Md.row("Phase", "Task", "Type", "Does", "Rollback")).append("| --- | --- | --- | --- | --- |\n");
        for (TaskSummary.Row r : rows) {
            String rollback = r.irreversible() ? "**irreversible**" : r.rollback().isEmpty() ? "nothing to undo" : Md.code(r.rollback());
            out.append(Md.row(Md.text(r.phase()), Md.code(r.task()), r.type(), Md.code(r.does()), rollback));
        }
        List<String> irreversible = rows.stream().filter(TaskSummary.Row::irreversible).map(TaskSummary.Row::task).toList();
        out.append('\n').append(irreversible.isEmpty() ? "Every task that changes something has a rollback.\n"
                : "Irreversible, stays applied after a rollback: " + String.join(", ", irreversible.stream().map(Md::code).toList())
                + ".\n");
    }

    private void checklist() {
        List<Overview.ChecklistLine> items = review.overview().checklist();
        out.append("\n### Checklist\n\n");
        if (items.isEmpty()) {
            out.append("None: nothing is checked before the first phase.\n");
        }
        items.forEach(i -> out.append("- ").append(Md.code(i.id())).append(": ").append(Md.text(i.text())).append(" (")
                .append(Md.text(i.how())).append(")\n"));
    }

    private void triggers() {
        Overview o = review.overview();
        List<Overview.TriggerLine> triggers = o.triggers();
        out.append("\n### Rollback triggers\n\n");
        if (triggers.isEmpty()) {
            out.append("None: nothing is watched while the plan runs.\n");
            return;
        }
        triggers.forEach(t -> out.append("- ").append(Md.code(t.when())).append(Md.text(t.then())).append('\n'));
        out.append('\n').append(Md.text(o.policy())).append('\n');
        List<String> metrics = o.metrics();
        if (!metrics.isEmpty()) {
            out.append("\nMetrics:\n\n");
            metrics.forEach(m -> out.append("- ").append(Md.text(m)).append('\n'));
        }
    }

    private void findings() {
        List<Finding> findings = review.lint().findings();
        out.append("\n### Lint findings\n\n");
        if (findings.isEmpty()) {
            out.append("None.\n");
        } else {
            out.append(Md.row("Level", "Rule", "Task", "Where", "Finding")).append("| --- | --- | --- | --- | --- |\n");
            for (Finding f : findings) {
                String level = f.severity() == Severity.ERROR ? "**error**" : "warning";
                out.append(Md.row(level, Md.code(f.ruleId()), f.task().map(Md::code).orElse("plan"),
                        "[" + Md.text(FileLinks.label(f.location())) + "](" + links.link(f.location()) + ")", Md.text(f.message())));
            }
        }
        if (!review.lint().suppressed().isEmpty()) {
            out.append('\n').append(plural(review.lint().suppressed().size(), "finding")).append(" silenced by ")
                    .append(Md.code("lint: {ignore: [...]}")).append(": ")
                    .append(String.join(", ", review.lint().suppressed().stream()
                            .map(f -> Md.code(f.ruleId()) + " on " + Md.code(f.task().orElse(""))).toList())).append(".\n");
        }
        out.append("\nRules: `docs/lint-rules.md`.\n");
    }
}
