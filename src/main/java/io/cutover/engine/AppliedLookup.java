package io.cutover.engine;

import io.cutover.journal.History;
import io.cutover.journal.StateStore;
import io.cutover.journal.TaskRecord;
import io.cutover.plan.Task;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * Whether a task (and item) is applied, and with which checksum: from {@code cutover_history} in
 * its datasource when it has one (the record that commits with the work), else from the state store.
 * Each datasource's history is read once per run, under the plan's lease, and kept current as the
 * run records and removes rows: while the lease is held nobody else writes them.
 */
final class AppliedLookup {
    private final String plan;
    private final Pools pools;
    private final StateStore store;
    private final Map<String, TaskRecord> fromStore = new HashMap<>();
    private final Map<String, Map<String, History.Row>> history = new ConcurrentHashMap<>();

    AppliedLookup(String plan, Pools pools, StateStore store) {
        this.plan = plan;
        this.pools = pools;
        this.store = store;
        for (TaskRecord r : store.appliedTasks(plan)) {
            fromStore.put(key(r.taskId(), r.item()), r);
        }
    }

    private static String key(String taskId, String item) {
        return taskId + "\u0000" + item;
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
            return Optional.ofNullable(fromStore.get(key(task.id(), item))).map(TaskRecord::checksum);
        }
        return Optional.ofNullable(history(ds.get()).get(key(task.id(), item))).map(History.Row::checksum);
    }

    /**
     * The run that recorded the task in its datasource's {@code cutover_history}, when it is recorded there: a run
     * that finds its own id there applied the task before it stopped, even when a kill took that from the journal.
     */
    Optional<String> recordedBy(Task task, String item) throws SQLException {
        Optional<String> ds = historyDatasource(task);
        if (ds.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(history(ds.get()).get(key(task.id(), item))).map(History.Row::runId);
    }

    /** The history rows of a datasource, read (and the table created) on first use. */
    private Map<String, History.Row> history(String datasource) throws SQLException {
        Map<String, History.Row> rows = history.get(datasource);
        if (rows != null) {
            return rows;
        }
        rows = new ConcurrentHashMap<>();
        try (Connection c = pools.connection(datasource)) {
            History.ensure(c, pools.datasource(datasource).engine());
            for (History.Row row : History.rows(c, plan)) {
                rows.put(key(row.taskId(), row.item()), row);
            }
        }
        history.put(datasource, rows);
        return rows;
    }

    /** Makes sure the history table of the task's datasource exists, before the task opens a transaction. */
    void prepare(Task task) throws SQLException {
        Optional<String> ds = historyDatasource(task);
        if (ds.isPresent()) {
            history(ds.get());
        }
    }

    /** Notes a row the task wrote itself (in its own transaction). */
    void noteRecorded(Task task, String item, String checksum, String runId) {
        historyDatasource(task).map(history::get).ifPresent(rows -> rows.put(key(task.id(), item),
                new History.Row(task.id(), item, checksum, runId)));
    }

    /** Notes a row the task removed itself. */
    void noteRemoved(Task task, String item) {
        historyDatasource(task).map(history::get).ifPresent(rows -> rows.remove(key(task.id(), item)));
    }

    /** Records an applied task in its datasource's history (a settled outcome, a drift accepted). */
    void record(Task task, String item, String checksum, String runId) throws SQLException {
        Optional<String> ds = historyDatasource(task);
        if (ds.isEmpty()) {
            TaskRecord applied = fromStore.get(key(task.id(), item));
            if (applied != null) {
                store.setChecksum(applied.runId(), task.id(), item, checksum);
                fromStore.put(key(task.id(), item), new TaskRecord(applied.runId(), applied.taskId(), item, applied.seq(),
                        applied.phase(), applied.state(), applied.rows(), checksum, applied.attempts(), applied.startedAt(),
                        applied.endedAt(), applied.appliedSeq(), applied.message()));
            }
            return;
        }
        history(ds.get());
        try (Connection c = pools.connection(ds.get())) {
            c.setAutoCommit(false);
            History.record(c, plan, task.id(), item, checksum, runId);
            c.commit();
            c.setAutoCommit(true);
        }
        noteRecorded(task, item, checksum, runId);
    }

    /** Removes a task from its datasource's history (after its down, when the handler did not). */
    void remove(Task task, String item) throws SQLException {
        Optional<String> ds = historyDatasource(task);
        if (ds.isEmpty()) {
            return;
        }
        history(ds.get());
        try (Connection c = pools.connection(ds.get())) {
            History.remove(c, plan, task.id(), item);
        }
        noteRemoved(task, item);
    }
}
