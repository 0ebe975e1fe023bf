package io.cutover.review;

import io.cutover.plan.DurationText;
import io.cutover.plan.Plan;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The review for tools, as cli.md gives it: {@code {"plan", "summary", "changes", "findings"}}.
 * {@code changes} is null without {@code --base}; empty text in a change or finding is null.
 */
final class JsonReport {
    private JsonReport() {
    }

    static String render(Review review) {
        Plan plan = review.source().plan();
        ObjectNode root = JsonMapper.shared().createObjectNode();
        root.put("plan", plan.name());
        summary(root.putObject("summary"), review);
        if (review.changes().isPresent()) {
            ArrayNode changes = root.putArray("changes");
            review.changes().get().forEach(c -> change(changes.addObject(), c));
        } else {
            root.putNull("changes");
        }
        ArrayNode findings = root.putArray("findings");
        review.lint().findings().forEach(f -> finding(findings.addObject(), f));
        return root.toPrettyString() + "\n";
    }

    private static void summary(ObjectNode out, Review review) {
        Plan plan = review.source().plan();
        Overview o = review.overview();
        out.put("name", plan.name());
        out.put("version", plan.version());
        out.put("description", plan.description());
        out.put("file", plan.file());
        ArrayNode owners = out.putArray("owners");
        plan.owners().forEach(owners::add);
        ArrayNode datasources = out.putArray("datasources");
        o.datasources().forEach(d -> datasources.addObject().put("name", d.name()).put("engine", d.engine()).put("url", d.url())
                .put("lock_timeout", blankToNull(d.lockTimeout())));
        o.window().ifPresentOrElse(w -> {
            ObjectNode window = out.putObject("window");
            window.put("description", w.description()).put("timezone", w.timezone()).put("length", w.length());
            window.put("open_now", w.openNow());
            w.opening().ifPresent(x -> window.put("opens", x.start().toOffsetDateTime().toString())
                    .put("opens_utc", x.start().toInstant().toString()).put("closes", x.end().toOffsetDateTime().toString())
                    .put("closes_utc", x.end().toInstant().toString()));
        }, () -> out.putNull("window"));
        ArrayNode timeline = out.putArray("timeline");
        review.timeline().slots().forEach(s -> timeline.addObject().put("phase", s.phase().id())
                .put("estimate", DurationText.format(s.estimate().duration()))
                .put("estimate_source", s.estimate().source().name().toLowerCase(java.util.Locale.ROOT))
                .put("start", s.start().toOffsetDateTime().toString()).put("end", s.end().toOffsetDateTime().toString())
                .put("anytime", s.phase().anytime()).put("beyond_window", s.late()));
        ArrayNode tasks = out.putArray("tasks");
        review.tasks().forEach(t -> tasks.addObject().put("phase", t.phase()).put("task", t.task()).put("type", t.type())
                .put("does", t.does()).put("rollback", blankToNull(t.rollback())).put("irreversible", t.irreversible()));
        ArrayNode checklist = out.putArray("checklist");
        o.checklist().forEach(c -> checklist.addObject().put("id", c.id()).put("text", c.text()).put("how", c.how()));
        strings(out.putArray("triggers"), o.triggers().stream().map(Overview.TriggerLine::words).toList());
        long errors = review.lint().findings().stream().filter(f -> f.severity() == Severity.ERROR).count();
        out.put("errors", errors);
        out.put("warnings", review.lint().findings().size() - errors);
        out.put("suppressed", review.lint().suppressed().size());
    }

    private static void change(ObjectNode out, Change c) {
        out.put("kind", c.kind().label());
        out.put("phase", blankToNull(c.phase()));
        out.put("task", blankToNull(c.task()));
        out.put("key", blankToNull(c.key()));
        out.put("old", c.kind() == Change.Kind.ADDED ? null : c.old());
        out.put("new", c.kind() == Change.Kind.REMOVED ? null : c.now());
        out.put("diff", c.diff().orElse(null));
    }

    private static void finding(ObjectNode out, Finding f) {
        out.put("rule", f.ruleId());
        out.put("severity", f.severity().label());
        out.put("task", f.task().orElse(null));
        out.put("file", f.location().file());
        out.put("line", f.location().line());
        out.put("column", f.location().column());
        out.put("message", f.message());
    }

    private static void strings(ArrayNode out, List<String> values) {
        values.forEach(out::add);
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
