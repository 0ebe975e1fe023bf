package io.cutover.handlers.verify;

import io.cutover.handlers.copy.TableSides;
import io.cutover.plan.Datasource.Engine;
import io.cutover.plan.Task;
import io.cutover.spi.HandlerSchema;
import io.cutover.spi.Problems;
import io.cutover.spi.TaskContext;
import io.cutover.spi.TaskHandler;
import io.cutover.spi.TaskOutcome;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The {@code verify} task type: compares a source and a target with the checks asked for
 * ({@code row_count}, {@code schema}, {@code indexes}, {@code constraints}, {@code checksum},
 * {@code {sample: N}}). Any failed check fails the task and raises the {@code data_inconsistency}
 * signal, naming what differs (for rows, their keys).
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
        TableSides.check(task, problems, true);
    }

    @Override
    public TaskOutcome execute(TaskContext context) throws SQLException {
        Comparison.Sides sides = Comparison.Sides.of(context.task());
        Engine sourceEngine = context.plan().datasources().get(sides.sourceDatasource()).engine();
        Engine targetEngine = context.plan().datasources().get(sides.targetDatasource()).engine();
        List<String> failed = new ArrayList<>();
        List<String> passed = new ArrayList<>();
        try (Connection src = context.connection(sides.sourceDatasource());
             Connection tgt = context.connection(sides.targetDatasource())) {
            Comparison comparison = Comparison.prepare(sides, src, sourceEngine, tgt, targetEngine);
            JsonNode checks = context.task().spec().path("checks");
            if (checks.isMissingNode() || checks.isEmpty()) {
                checks = JsonNodeFactoryHolder.ROW_COUNT;
            }
            for (JsonNode check : checks) {
                String name = check.isString() ? check.asString() : "sample";
                List<String> found = switch (name) {
                    case "row_count" -> comparison.rowCount();
                    case "schema" -> comparison.schema();
                    case "indexes" -> comparison.indexes();
                    case "constraints" -> comparison.constraints();
                    case "checksum" -> comparison.checksum();
                    default -> comparison.sample(check.path("sample").asInt(100));
                };
                (found.isEmpty() ? passed : failed).addAll(found.isEmpty() ? List.of(name) : found);
            }
        }
        if (!failed.isEmpty()) {
            return new TaskOutcome.Failed("verify found differences (data_inconsistency):\n" + String.join("\n", failed), true);
        }
        return new TaskOutcome.Succeeded(-1, String.join(", ", passed) + " ok");
    }

    /** The default checks. */
    private static final class JsonNodeFactoryHolder {
        static final JsonNode ROW_COUNT = tools.jackson.databind.json.JsonMapper.shared().createArrayNode().add("row_count");
    }
}
