package io.cutover.handlers.wait;

import io.cutover.plan.Task;
import io.cutover.spi.HandlerSchema;
import io.cutover.spi.Problems;
import io.cutover.spi.TaskContext;
import io.cutover.spi.TaskHandler;
import io.cutover.spi.TaskOutcome;
import tools.jackson.databind.JsonNode;

/**
 * The {@code wait} task type: waits for a duration.
 */
public final class WaitHandler implements TaskHandler {
    private static final JsonNode SCHEMA = HandlerSchema.load(WaitHandler.class, "wait.schema.json");

    @Override
    public String type() {
        return "wait";
    }

    @Override
    public String summary() {
        return "waits for a duration.";
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
    public void check(Task task, Problems problems) {
        String text = task.text("duration").orElse("");
        if (!text.contains("${") && io.cutover.plan.DurationText.parse(text).isEmpty()) {
            problems.error(task, "/duration", "'" + text + "' is not " + io.cutover.plan.DurationText.EXPECTED);
        }
    }

    @Override
    public TaskOutcome execute(TaskContext context) throws InterruptedException {
        java.time.Duration duration = io.cutover.plan.DurationText.parse(context.text("duration").orElse("0s"))
                .orElse(java.time.Duration.ZERO);
        context.hold(duration);
        return context.isStopping() ? TaskOutcome.failed("the run is stopping") : TaskOutcome.succeeded();
    }
}
