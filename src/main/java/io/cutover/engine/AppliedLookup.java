package io.cutover.engine;

import io.cutover.journal.History;
import io.cutover.journal.TaskRecord;
import io.cutover.plan.Task;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Whether a task (and item) is applied, and with which checksum: from {@code cutover_history} in
 * its datasource when it has one (the record that commits with the work), else from the state store.
 */
final class AppliedLookup {
    private final RunScope scope;
    private final Map<String, TaskRecord> fromStore = new HashMap<>();

    AppliedLookup(RunScope scope) {
        this.scope = scope;
        for (TaskRecord r : scope.store().appliedTasks(scope.plan())) {
            fromStore.put(r.taskId() + "\u0000" + r.item(), r);
        }
    }

    /** The datasource whose history records this task: {@code datasource}, else {@code target.datasource}. */
    static Optional<String> historyDatasource(Task task) {
        JsonNode ds = task.spec().get("datasource");
        if (ds != null && ds.isString()) {
            return Optional.of(ds.asString());
        }
        JsonNode target = task.spec().at("/target/datasource");
        return target.isString() ? Optional.of(target.asString()) : Optional.empty();
    }

    /** The recorded checksum when the task is applied. */
    Optional<String> checksum(Task task, String item) throws SQLException {
        Optional<String> ds = historyDatasource(task);
        if (ds.isEmpty()) {
            return Optional.ofNullable(fromStore.get(task.id() + "\u0000" + item)).map(TaskRecord::checksum);
        }
        try (Connection c = scope.pools().connection(ds.get())) {
            History.ensure(c, scope.pools().datasource(ds.get()).engine());
            return History.checksum(c, scope.plan(), task.id(), item);
        }
    }

    /** Records an applied task in its datasource's history (a settled outcome, a drift accepted). */
    void record(Task task, String item, String checksum) throws SQLException {
        Optional<String> ds = historyDatasource(task);
        if (ds.isEmpty()) {
            return;
        }
        try (Connection c = scope.pools().connection(ds.get())) {
            History.ensure(c, scope.pools().datasource(ds.get()).engine());
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            History.record(c, scope.plan(), task.id(), item, checksum, scope.runId());
            c.commit();
            c.setAutoCommit(auto);
        }
    }

    /** Removes a task from its datasource's history (after its down, when the handler did not). */
    void remove(Task task, String item) throws SQLException {
        Optional<String> ds = historyDatasource(task);
        if (ds.isEmpty()) {
            return;
        }
        try (Connection c = scope.pools().connection(ds.get())) {
            History.ensure(c, scope.pools().datasource(ds.get()).engine());
            History.remove(c, scope.plan(), task.id(), item);
        }
    }
}
