package io.cutover.review;

import io.cutover.engine.ExecutionOrder;
import io.cutover.plan.Phase;
import io.cutover.plan.Task;
import io.cutover.review.Script.Located;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One row per task for the rollback-coverage table: what the task does and what undoes it (its
 * {@code down}, or "irreversible"), in run order, from the plan as written.
 */
final class TaskSummary {
    private static final int MAX_STATEMENTS = 3;
    private static final int MAX_TEXT = 72;

    /** A task row; {@code rollback} is empty when the task changes nothing. */
    record Row(String phase, String task, String type, String does, String rollback, boolean irreversible) { }

    private final PlanSource source;

    TaskSummary(PlanSource source) {
        this.source = source;
    }

    List<Row> rows() {
        List<Row> out = new ArrayList<>();
        for (Phase phase : ExecutionOrder.phases(source.plan())) {
            for (Task task : ExecutionOrder.tasks(phase)) {
                out.add(new Row(phase.id() + (phase.isForeach() ? " (for each of " + String.join(", ", phase.foreach()) + ")" : ""),
                        task.id(), task.type(), does(task), task.irreversible() ? "irreversible" : rollback(task), task.irreversible()));
            }
        }
        return out;
    }

    private String does(Task task) {
        JsonNode raw = source.raw(task);
        return switch (task.type()) {
            case "sql" -> task.has("up") ? sql(task, "up") : "check: " + shorten(text(raw.path("verify")));
            case "copy" -> "copy " + side(raw.path("source")) + " to " + side(raw.path("target")) + " (checks: "
                    + (raw.has("checks") ? YamlText.flow(raw.path("checks")) : "[row_count]") + ")";
            case "verify" -> "compare " + side(raw.path("source")) + " with " + side(raw.path("target")) + " ("
                    + YamlText.flow(raw.path("checks")) + ")";
            case "shell" -> "run " + shorten(raw.path("run").asString(""));
            case "http" -> request(raw);
            case "wait" -> "wait " + YamlText.flow(raw.path("duration"));
            case "approval" -> "approval: " + shorten(raw.path("prompt").asString(""));
            case "monitor" -> "watch the rollback triggers for " + YamlText.flow(raw.path("duration"));
            default -> task.type() + " task";
        };
    }

    private String rollback(Task task) {
        JsonNode down = source.raw(task).path("down");
        if (down.isMissingNode() || down.isNull()) {
            return "";
        }
        return switch (task.type()) {
            case "sql" -> sql(task, "down");
            case "copy" -> down.asString("").equals("truncate") ? "truncate the target"
                    : down.asString("").equals("delete_copied") ? "delete the copied rows" : YamlText.flow(down);
            case "http" -> down.isObject() ? request(down) : YamlText.flow(down);
            default -> shorten(YamlText.flow(down));
        };
    }

    private String sql(Task task, String key) {
        List<Located> statements = source.script(task, key)
                .map(s -> s.statements(source.engine(source.datasourceOf(task)))).orElse(List.of());
        if (statements.isEmpty()) {
            return shorten(text(source.raw(task).path(key)));
        }
        List<String> parts = new ArrayList<>();
        for (Located s : statements.subList(0, Math.min(MAX_STATEMENTS, statements.size()))) {
            parts.add(isNamed(s.changes()) ? s.changes().get(0).describe() : shorten(s.statement().sql()));
        }
        String more = statements.size() > MAX_STATEMENTS ? "; and " + (statements.size() - MAX_STATEMENTS) + " more" : "";
        return String.join("; ", parts) + more;
    }

    /** True when the statement's gist is its object's name (CREATE TABLE t), not its text (UPDATE ... SET ...). */
    private static boolean isNamed(List<SqlChange> changes) {
        return !changes.isEmpty() && !(changes.get(0) instanceof SqlChange.WriteRows) && !(changes.get(0) instanceof SqlChange.OtherDdl);
    }

    private static String text(JsonNode value) {
        return value.isObject() && value.has("file") ? "file " + value.path("file").asString("") : YamlText.flow(value);
    }

    private static String side(JsonNode side) {
        String ds = side.path("datasource").asString("?");
        return side.has("table") ? ds + "." + side.path("table").asString("") : "a query on " + ds;
    }

    private static String request(JsonNode http) {
        return http.path("method").asString("GET") + " " + http.path("url").asString("");
    }

    /** The first line, at most {@value #MAX_TEXT} characters. */
    static String shorten(String text) {
        String line = text.strip().lines().findFirst().orElse("").strip();
        boolean cut = line.length() > MAX_TEXT || text.strip().contains("\n");
        return (line.length() > MAX_TEXT ? line.substring(0, MAX_TEXT).strip() : line) + (cut ? " ..." : "");
    }
}
