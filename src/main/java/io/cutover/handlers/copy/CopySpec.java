package io.cutover.handlers.copy;

import io.cutover.plan.Task;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A copy task's keys, read once: the two sides, the key, the column mapping, the filter, the batch
 * size and pace, the mode, the catch-up and lock settings, the checks and the undo.
 */
record CopySpec(Side source, Side target, List<String> key, Map<String, String> columns, Optional<String> where,
                int batchSize, Mode mode, long maxRowsPerSecond, Optional<Since> since, boolean lockSource,
                List<String> checks, String down) {

    /** One side of the copy. */
    record Side(String datasource, Optional<String> table, Optional<String> query) {
        /** The table, or the query as a derived table. */
        String from() {
            return table.orElseGet(() -> "(" + query.orElseThrow() + ") cutover_source");
        }
    }

    /** A catch-up pass: rows whose {@code column} changed since {@code task} started. */
    record Since(String column, String task) { }

    /** How rows land in the target. */
    enum Mode { INSERT, UPSERT }

    static final int DEFAULT_BATCH = 10_000;

    static CopySpec of(Task task) {
        JsonNode spec = task.spec();
        List<String> key = new ArrayList<>();
        spec.path("key").forEach(k -> key.add(k.asString()));
        Map<String, String> columns = new LinkedHashMap<>();
        spec.path("columns").properties().forEach(e -> columns.put(e.getKey(), e.getValue().asString()));
        List<String> checks = new ArrayList<>();
        spec.path("checks").forEach(c -> checks.add(c.asString()));
        if (!spec.has("checks")) {
            checks.add("row_count");
        }
        Optional<Since> since = spec.path("since").isObject()
                ? Optional.of(new Since(spec.at("/since/column").asString(), spec.at("/since/task").asString())) : Optional.empty();
        return new CopySpec(side(spec.path("source")), side(spec.path("target")), key, columns,
                task.text("where"), spec.path("batch_size").asInt(DEFAULT_BATCH),
                "upsert".equals(spec.path("mode").asString("insert")) || since.isPresent() ? Mode.UPSERT : Mode.INSERT,
                spec.at("/throttle/max_rows_per_second").asLong(0), since, spec.path("lock_source").asBoolean(false), checks,
                spec.path("down").asString("truncate"));
    }

    private static Side side(JsonNode node) {
        JsonNode table = node.get("table");
        JsonNode query = node.get("query");
        return new Side(node.path("datasource").asString(), table == null ? Optional.empty() : Optional.of(table.asString()),
                query == null ? Optional.empty() : Optional.of(query.asString()));
    }
}
