package io.cutover.handlers.copy;

import io.cutover.plan.Task;
import io.cutover.spi.HandlerSchema;
import io.cutover.spi.Problems;
import io.cutover.spi.TaskContext;
import io.cutover.spi.TaskHandler;
import io.cutover.spi.TaskOutcome;
import tools.jackson.databind.JsonNode;

/**
 * The {@code copy} task type: moves rows between datasources in checkpointed batches.
 */
public final class CopyHandler implements TaskHandler {
    private static final JsonNode SCHEMA = HandlerSchema.load(CopyHandler.class, "copy.schema.json");

    @Override
    public String type() {
        return "copy";
    }

    @Override
    public String summary() {
        return "moves rows between datasources in checkpointed batches.";
    }

    @Override
    public JsonNode schema() {
        return SCHEMA;
    }

    @Override
    public void check(Task task, Problems problems) {
        TableSides.check(task, problems, false);
        if ("none".equals(task.text("down").orElse("")) && !task.irreversible()) {
            problems.error(task, "/down", "down: none leaves the copy without a rollback: write irreversible: true to say so, "
                    + "or use down: truncate or delete_copied");
        }
    }

    @Override
    public boolean hasRollback(Task task) {
        return task.text("down").filter(d -> !d.equals("none")).isPresent();
    }

    @Override
    public TaskOutcome execute(TaskContext context) {
        throw new UnsupportedOperationException("the copy handler does not run tasks yet");
    }
}
