package io.cutover.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cutover.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The command line in-process, against one private H2 state store, and {@code status --format json}
 * read as an operator reads it. For the engine and handler tests.
 */
public final class CutoverCli {
    /** How a command ended and what it printed. */
    public record Result(int code, String out, String err) {
        /** Both streams, for failure messages. */
        public String all() {
            return out + err;
        }
    }

    private final String state;

    /** A state store in {@code dir}/state. */
    public CutoverCli(Path dir) {
        this.state = "jdbc:h2:file:" + dir.resolve("state").resolve("state");
    }

    /** The state store's JDBC URL. */
    public String stateUrl() {
        return state;
    }

    /** Runs {@code cutover COMMAND --state STATE ARGS...}. */
    public Result cutover(String command, String... args) {
        List<String> all = new ArrayList<>(List.of(command, "--state", state));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    /** {@code status --format json}, every run. */
    public JsonNode status() {
        Result r = cutover("status", "--format", "json");
        assertEquals(0, r.code(), r.all());
        return JsonMapper.shared().readTree(r.out());
    }

    /** The one run in the store. */
    public JsonNode onlyRun() {
        JsonNode runs = status().get("runs");
        assertEquals(1, runs.size(), runs.toString());
        return runs.get(0);
    }

    /** A run by id from a {@code runs} array. */
    public static JsonNode runById(JsonNode runs, String id) {
        for (JsonNode run : runs) {
            if (run.get("id").asString().equals(id)) {
                return run;
            }
        }
        throw new AssertionError("no run " + id + " in " + runs);
    }

    /** Task id (with {@code [item]} when it has one) -> state, in run order. */
    public static Map<String, String> taskStates(JsonNode run) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode t : run.get("tasks")) {
            JsonNode item = t.get("item");
            out.put(t.get("id").asString() + (item == null || item.isNull() ? "" : "[" + item.asString() + "]"),
                    t.get("state").asString());
        }
        return out;
    }

    /** The first execution of task {@code id} in a run. */
    public static JsonNode task(JsonNode run, String id) {
        for (JsonNode t : run.get("tasks")) {
            if (t.get("id").asString().equals(id)) {
                return t;
            }
        }
        throw new AssertionError("no task " + id + " in " + run);
    }
}
