package io.cutover.handlers.shell;

import io.cutover.plan.Task;
import io.cutover.spi.HandlerSchema;
import io.cutover.spi.Problems;
import io.cutover.spi.TaskContext;
import io.cutover.spi.TaskHandler;
import io.cutover.spi.TaskOutcome;
import tools.jackson.databind.JsonNode;

/**
 * The {@code shell} task type: runs a command, with an optional down command.
 */
public final class ShellHandler implements TaskHandler {
    private static final JsonNode SCHEMA = HandlerSchema.load(ShellHandler.class, "shell.schema.json");

    @Override
    public String type() {
        return "shell";
    }

    @Override
    public String summary() {
        return "runs a command, with an optional down command.";
    }

    @Override
    public JsonNode schema() {
        return SCHEMA;
    }

    @Override
    public boolean changesState(Task task) {
        JsonNode changes = task.spec().get("changes");
        return changes == null || !changes.isBoolean() || changes.booleanValue();
    }

    @Override
    public TaskOutcome execute(TaskContext context) {
        throw new UnsupportedOperationException("the shell handler does not run tasks yet");
    }
}
