package io.cutover.handlers.http;

import io.cutover.plan.Task;
import io.cutover.spi.HandlerSchema;
import io.cutover.spi.Problems;
import io.cutover.spi.TaskContext;
import io.cutover.spi.TaskHandler;
import io.cutover.spi.TaskOutcome;
import tools.jackson.databind.JsonNode;

/**
 * The {@code http} task type: calls a URL and checks the answer, with an optional down request.
 */
public final class HttpHandler implements TaskHandler {
    private static final JsonNode SCHEMA = HandlerSchema.load(HttpHandler.class, "http.schema.json");

    @Override
    public String type() {
        return "http";
    }

    @Override
    public String summary() {
        return "calls a URL and checks the answer, with an optional down request.";
    }

    @Override
    public JsonNode schema() {
        return SCHEMA;
    }

    @Override
    public boolean changesState(Task task) {
        JsonNode changes = task.spec().get("changes");
        if (changes != null && changes.isBoolean()) {
            return changes.booleanValue();
        }
        String method = task.text("method").orElse("GET");
        return !method.equals("GET") && !method.equals("HEAD");
    }

    @Override
    public TaskOutcome execute(TaskContext context) {
        throw new UnsupportedOperationException("the http handler does not run tasks yet");
    }
}
