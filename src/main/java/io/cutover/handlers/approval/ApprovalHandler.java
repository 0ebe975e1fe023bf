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

    /** How long an approval waits when the task sets no timeout. */
    static final java.time.Duration DEFAULT_TIMEOUT = java.time.Duration.ofHours(24);

    @Override
    public TaskOutcome execute(TaskContext context) throws InterruptedException {
        // The engine's timeout would abort the wait as a failure; the approval's own timeout is the same value, read here.
        java.time.Duration timeout = context.task().timeout().map(t -> t.minusMillis(500)).orElse(DEFAULT_TIMEOUT);
        if (context.awaitApproval(timeout)) {
            return TaskOutcome.succeeded();
        }
        return TaskOutcome.failed(context.isStopping() ? "the run is stopping" : "approval timed out after "
                + io.cutover.plan.DurationText.format(context.task().timeout().orElse(DEFAULT_TIMEOUT))
                + " without 'cutover approve " + context.runId() + " " + context.task().id() + "'");
    }
}
