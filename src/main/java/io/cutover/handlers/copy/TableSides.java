package io.cutover.handlers.copy;

import io.cutover.plan.Task;
import io.cutover.spi.Problems;
import tools.jackson.databind.JsonNode;

/**
 * Checks the {@code source} and {@code target} of a data task: each names a table or a query.
 */
public final class TableSides {
    private TableSides() {
    }

    /** {@code queryOnTarget}: whether the target may be a query (verify) or must be a table (copy). */
    public static void check(Task task, Problems problems, boolean queryOnTarget) {
        side(task, problems, "source", true);
        side(task, problems, "target", queryOnTarget);
    }

    private static void side(Task task, Problems problems, String name, boolean queryAllowed) {
        JsonNode side = task.spec().get(name);
        if (side == null || !side.isObject()) {
            return;
        }
        boolean table = side.hasNonNull("table");
        boolean query = side.hasNonNull("query");
        if (query && !queryAllowed) {
            problems.error(task, "/" + name + "/query", "the " + name + " of a copy must be a table, not a query");
        } else if (table && query) {
            problems.error(task, "/" + name, "the " + name + " names both a table and a query: keep one");
        } else if (!table && !query) {
            problems.error(task, "/" + name, "the " + name + " needs 'table'" + (queryAllowed ? " or 'query'" : ""));
        }
    }
}
