package io.cutover.engine;

import io.cutover.journal.RunRecord;
import io.cutover.journal.StateStore;
import io.cutover.journal.TaskRecord;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs and their tasks as {@code cutover status} (and {@code run --format json}) show them:
 * the JSON of cli.md, newest run first, or a text table.
 */
public final class StatusReport {
    private final StateStore store;

    public StatusReport(StateStore store) {
        this.store = store;
    }

    /** {@code {"runs": [...]}} for the given runs. */
    public ObjectNode json(List<RunRecord> runs) {
        ObjectNode root = JsonMapper.shared().createObjectNode();
        ArrayNode list = root.putArray("runs");
        for (RunRecord run : runs) {
            ObjectNode r = list.addObject();
            r.put("id", run.id());
            r.put("plan", run.plan());
            r.put("state", run.state());
            r.put("started_at", time(run.startedAt()));
            r.put("ended_at", run.endedAt().map(StatusReport::time).orElse(null));
            r.set("trigger", run.triggerJson().map(t -> (JsonNode) JsonMapper.shared().readTree(t)).orElse(null));
            r.put("message", run.message().orElse(null));
            ArrayNode tasks = r.putArray("tasks");
            for (TaskRecord t : store.tasks(run.id())) {
                ObjectNode o = tasks.addObject();
                o.put("phase", t.phase());
                o.put("id", t.taskId());
                o.put("item", t.item().isEmpty() ? null : t.item());
                o.put("state", t.state());
                if (t.rows() == null) {
                    o.putNull("rows");
                } else {
                    o.put("rows", t.rows());
                }
                o.put("started_at", time(t.startedAt()));
                o.put("ended_at", time(t.endedAt()));
                o.put("message", t.message());
            }
        }
        return root;
    }

    /** A table for a terminal. */
    public String text(List<RunRecord> runs) {
        if (runs.isEmpty()) {
            return "no runs\n";
        }
        StringBuilder out = new StringBuilder();
        for (RunRecord run : runs) {
            out.append(String.format(Locale.ROOT, "run %s  plan %s  %s  started %s%s%n", run.id(), run.plan(),
                    run.state().toUpperCase(Locale.ROOT), time(run.startedAt()), run.endedAt().map(e -> "  ended " + time(e)).orElse("")));
            run.triggerJson().ifPresent(t -> out.append("  trigger fired: ").append(t).append('\n'));
            run.message().ifPresent(m -> out.append("  ").append(m.replace("\n", "\n  ")).append('\n'));
            for (TaskRecord t : store.tasks(run.id())) {
                out.append(String.format(Locale.ROOT, "  %-13s %-40s%s%s%n", t.state(),
                        t.phase() + "/" + t.taskId() + (t.item().isEmpty() ? "" : "[" + t.item() + "]"),
                        t.rows() == null ? "" : "  " + t.rows() + " rows", t.message() == null ? "" : "  " + firstLine(t.message())));
            }
        }
        return out.toString();
    }

    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl) + " ...";
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
