package io.cutover.handlers.verify;

import io.cutover.plan.Task;
import io.cutover.spi.HandlerSchema;
import io.cutover.spi.Problems;
import io.cutover.spi.TaskContext;
import io.cutover.spi.TaskHandler;
import io.cutover.spi.TaskOutcome;
import tools.jackson.databind.JsonNode;

/**
 * The {@code verify} task type: compares a source and a target: counts, schema, indexes, constraints, checksums, samples.
 */
public final class VerifyHandler implements TaskHandler {
    private static final JsonNode SCHEMA = HandlerSchema.load(VerifyHandler.class, "verify.schema.json");

    @Override
    public String type() {
        return "verify";
    }

    @Override
    public String summary() {
        return "compares a source and a target: counts, schema, indexes, constraints, checksums, samples.";
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
        io.cutover.handlers.copy.TableSides.check(task, problems, true);
    }

    @Override
    public TaskOutcome execute(TaskContext context) {
        throw new UnsupportedOperationException("the verify handler does not run tasks yet");
    }
}
