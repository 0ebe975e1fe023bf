package io.cutover.handlers.approval;

import io.cutover.plan.Task;
import io.cutover.spi.HandlerSchema;
import io.cutover.spi.Problems;
import io.cutover.spi.TaskContext;
import io.cutover.spi.TaskHandler;
import io.cutover.spi.TaskOutcome;
import tools.jackson.databind.JsonNode;

/**
 * The {@code approval} task type: waits until a person approves with cutover approve RUN_ID TASK_ID.
 */
public final class ApprovalHandler implements TaskHandler {
    private static final JsonNode SCHEMA = HandlerSchema.load(ApprovalHandler.class, "approval.schema.json");

    @Override
    public String type() {
        return "approval";
    }

    @Override
    public String summary() {
        return "waits until a person approves with cutover approve RUN_ID TASK_ID.";
    }

    @Override
    public JsonNode schema() {
        return SCHEMA;
    }

    @Override
    public boolean changesState(Task task) {
        return false;
    }

    @Override
    public TaskOutcome execute(TaskContext context) {
        throw new UnsupportedOperationException("the approval handler does not run tasks yet");
    }
}
