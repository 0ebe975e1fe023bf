package io.cutover.handlers.sql;

import io.cutover.plan.Task;
import io.cutover.spi.HandlerSchema;
import io.cutover.spi.Problems;
import io.cutover.spi.TaskContext;
import io.cutover.spi.TaskHandler;
import io.cutover.spi.TaskOutcome;
import tools.jackson.databind.JsonNode;

/**
 * The {@code sql} task type: statements against one datasource: up, down, verify.
 */
public final class SqlHandler implements TaskHandler {
    private static final JsonNode SCHEMA = HandlerSchema.load(SqlHandler.class, "sql.schema.json");

    @Override
    public String type() {
        return "sql";
    }

    @Override
    public String summary() {
        return "statements against one datasource: up, down, verify.";
    }

    @Override
    public JsonNode schema() {
        return SCHEMA;
    }

    @Override
    public boolean changesState(Task task) {
        return task.has("up");
    }

    @Override
    public void check(Task task, Problems problems) {
        if (!task.has("up") && !task.has("verify")) {
            problems.error(task, "/type", "a sql task needs 'up' (the work) or 'verify' (a check)");
        }
        if (!task.has("up") && task.has("down")) {
            problems.warning(task, "/down", "'down' without 'up' never runs: nothing is applied to undo");
        }
    }

    @Override
    public TaskOutcome execute(TaskContext context) {
        throw new UnsupportedOperationException("the sql handler does not run tasks yet");
    }
}
