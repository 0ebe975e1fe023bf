package io.cutover.handlers.shell;

import io.cutover.plan.Task;
import io.cutover.spi.HandlerSchema;
import io.cutover.spi.Processes;
import io.cutover.spi.TaskContext;
import io.cutover.spi.TaskHandler;
import io.cutover.spi.TaskOutcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The {@code shell} task type: runs a command with {@code /bin/sh -c} in the plan's folder (or
 * {@code workdir}), checks its exit code (and output), and runs {@code down} to undo it.
 */
public final class ShellHandler implements TaskHandler {
    private static final JsonNode SCHEMA = HandlerSchema.load(ShellHandler.class, "shell.schema.json");
    private static final int TAIL = 20;

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
    public TaskOutcome execute(TaskContext context) throws IOException, InterruptedException {
        return runCommand(context, context.text("run").orElseThrow(), true);
    }

    @Override
    public TaskOutcome down(TaskContext context) throws IOException, InterruptedException {
        return runCommand(context, context.text("down").orElseThrow(), false);
    }

    private TaskOutcome runCommand(TaskContext context, String command, boolean checkExpect) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true);
        Path dir = context.planDir();
        builder.directory(context.text("workdir").map(dir::resolve).orElse(dir).toFile());
        Map<String, String> env = builder.environment();
        context.task().spec().path("env").properties().forEach(e ->
                env.put(e.getKey(), io.cutover.load.Interpolation.finish(e.getValue().asString(),
                        context.item().orElse(null), context.runId())));
        env.put("CUTOVER_RUN_ID", context.runId());
        context.item().ifPresent(item -> env.put("CUTOVER_ITEM", item));
        Process process = builder.start();
        Deque<String> tail = new ArrayDeque<>();
        StringBuilder all = new StringBuilder();
        // The output is read on its own thread: waitFor() can be interrupted by a timeout, a blocking read cannot.
        Thread reader = new Thread(() -> drain(process, tail, all), "cutover-shell-output");
        reader.setDaemon(true);
        reader.start();
        try {
            int exit = process.waitFor();
            reader.join(5_000);
            int expected = checkExpect ? context.task().spec().at("/expect/exit").asInt(0) : 0;
            String output;
            synchronized (tail) {
                output = context.mask(String.join("\n", tail));
            }
            if (exit != expected) {
                return TaskOutcome.failed("command: " + context.mask(command) + "\nexit code: " + exit + " (expected " + expected + ")"
                        + (output.isEmpty() ? "" : "\noutput (last lines):\n" + output));
            }
            String contains = checkExpect ? io.cutover.load.Interpolation.finish(context.task().spec().at("/expect/stdout_contains")
                    .asString(""), context.item().orElse(null), context.runId()) : "";
            if (!contains.isEmpty() && !all.toString().contains(contains)) {
                return TaskOutcome.failed("command: " + context.mask(command) + "\nits output lacks '" + context.mask(contains) + "'"
                        + (output.isEmpty() ? "" : "\noutput (last lines):\n" + output));
            }
            synchronized (tail) {
                return new TaskOutcome.Succeeded(-1, tail.isEmpty() ? "" : context.mask(tail.getLast()));
            }
        } finally {
            if (process.isAlive()) {
                Processes.stop(process);
            }
        }
    }

    private static void drain(Process process, Deque<String> tail, StringBuilder all) {
        try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (tail) {
                    if (tail.size() == TAIL) {
                        tail.removeFirst();
                    }
                    tail.addLast(line);
                    if (all.length() < 1_000_000) {
                        all.append(line).append('\n');
                    }
                }
            }
        } catch (IOException e) {
            // the process was destroyed: what was read stays
        }
    }
}
