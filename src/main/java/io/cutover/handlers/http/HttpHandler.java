package io.cutover.handlers.http;

import io.cutover.plan.Task;
import io.cutover.spi.HandlerSchema;
import io.cutover.spi.TaskContext;
import io.cutover.spi.TaskHandler;
import io.cutover.spi.TaskOutcome;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/**
 * The {@code http} task type: calls a URL and checks the answer ({@code expect: {status,
 * body_contains}}, default any 2xx); {@code down} is another request with the same keys.
 */
public final class HttpHandler implements TaskHandler {
    private static final JsonNode SCHEMA = HandlerSchema.load(HttpHandler.class, "http.schema.json");
    /** Built on first use: every command loads every handler, and a client sets up TLS (costly at start-up). */
    private static final class Client {
        static final HttpClient INSTANCE = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

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
    public TaskOutcome execute(TaskContext context) throws IOException, InterruptedException {
        return call(context, context.task().spec());
    }

    @Override
    public TaskOutcome down(TaskContext context) throws IOException, InterruptedException {
        return call(context, context.task().spec().get("down"));
    }

    private TaskOutcome call(TaskContext context, JsonNode request) throws IOException, InterruptedException {
        String url = io.cutover.load.Interpolation.finish(request.path("url").asString(), context.item().orElse(null), context.runId());
        String method = request.path("method").asString("GET");
        String body = io.cutover.load.Interpolation.finish(request.path("body").asString(""), context.item().orElse(null), context.runId());
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        request.path("headers").properties().forEach(h -> builder.header(h.getKey(),
                io.cutover.load.Interpolation.finish(h.getValue().asString(), context.item().orElse(null), context.runId())));
        HttpResponse<String> response;
        try {
            response = Client.INSTANCE.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return TaskOutcome.failed(method + " " + context.mask(url) + ": " + context.mask(String.valueOf(e.getMessage())));
        }
        int expected = request.at("/expect/status").asInt(0);
        boolean statusOk = expected == 0 ? response.statusCode() / 100 == 2 : response.statusCode() == expected;
        String contains = io.cutover.load.Interpolation.finish(request.at("/expect/body_contains").asString(""),
                context.item().orElse(null), context.runId());
        boolean bodyOk = contains.isEmpty() || response.body().contains(contains);
        if (!statusOk || !bodyOk) {
            String shown = response.body().length() > 500 ? response.body().substring(0, 500) + "..." : response.body();
            return TaskOutcome.failed(method + " " + context.mask(url) + "\nstatus: " + response.statusCode()
                    + (statusOk ? "" : expected == 0 ? " (expected 2xx)" : " (expected " + expected + ")")
                    + (bodyOk ? "" : "\nthe body lacks '" + context.mask(contains) + "'")
                    + "\nbody: " + context.mask(shown));
        }
        return new TaskOutcome.Succeeded(-1, "status " + response.statusCode());
    }
}
