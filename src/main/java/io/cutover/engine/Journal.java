package io.cutover.engine;

import io.cutover.journal.StateStore;
import io.cutover.journal.TaskRecord;
import io.cutover.plan.Task;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The task executions of one run, as the engine moves them through their states: kept in memory
 * and written through to the state store at every change, with an event each time.
 */
public final class Journal {
    private final StateStore store;
    private final String runId;
    private final Clock clock;
    private final Map<String, TaskRecord> records = new LinkedHashMap<>();
    private long appliedCounter;

    public Journal(StateStore store, String runId, Clock clock) {
        this.store = store;
        this.runId = runId;
        this.clock = clock;
        for (TaskRecord r : store.tasks(runId)) {
            records.put(key(r.taskId(), r.item()), r);
        }
        this.appliedCounter = clock.millis() * 1000;
    }

    private static String key(String taskId, String item) {
        return taskId + "\u0000" + item;
    }

    /** The record of a task (and item) in this run. */
    public synchronized Optional<TaskRecord> get(String taskId, String item) {
        return Optional.ofNullable(records.get(key(taskId, item)));
    }

    /** Every record, in run order. */
    public synchronized List<TaskRecord> all() {
        return records.values().stream().sorted(java.util.Comparator.comparingInt(TaskRecord::seq)).toList();
    }

    /** A task (and item) at its place in the run order, for {@link #planAll}. */
    public record Planned(Task task, String item, int seq, String checksum) { }

    /**
     * Gives every task that has no record yet a pending one, in one write by the store's writer thread, off the run's
     * path (a run's tasks, as it starts): any other write to the store writes these first, and a resumed run that finds
     * no record of a task takes it as pending, which it is.
     */
    public synchronized void planAll(List<Planned> tasks) {
        List<TaskRecord> fresh = new java.util.ArrayList<>();
        for (Planned p : tasks) {
            if (!records.containsKey(key(p.task().id(), p.item()))) {
                TaskRecord r = new TaskRecord(runId, p.task().id(), p.item(), p.seq(), p.task().phase(), TaskState.PENDING.wire(), null,
                        p.checksum(), 0, null, null, null, null);
                records.put(key(r.taskId(), r.item()), r);
                fresh.add(r);
            }
        }
        store.insertTasksLater(fresh);
    }

    /** Moves a task to {@code state}; {@code message} may be null. */
    public synchronized TaskRecord update(Task task, String item, TaskState state, String message) {
        return transition(task, item, state, message, false, null, null, true);
    }

    /** Marks the task running; with {@code durable} false the write may wait ({@link #succeeded}). */
    public synchronized TaskRecord started(Task task, String item, boolean durable) {
        return transition(task, item, TaskState.RUNNING, null, false, null, null, durable);
    }

    /**
     * Marks the task succeeded and, when {@code applied}, applied (it joins the rollback stack), with the rows it moved:
     * one write, where {@link #markApplied} then {@link #update} make two. With {@code durable} false the write may wait
     * for the next one ({@link StateStore#saveTaskLater}): only for a task whose outcome a resumed run works out
     * again by itself, from the target's {@code cutover_history} or by running a task that changes nothing.
     */
    public synchronized TaskRecord succeeded(Task task, String item, boolean applied, Long rows, String checksum, String message,
                                             boolean durable) {
        return transition(task, item, TaskState.SUCCEEDED, message, applied, rows, checksum, durable);
    }

    private TaskRecord transition(Task task, String item, TaskState state, String message, boolean applied, Long rows,
                                  String checksum, boolean durable) {
        TaskRecord r = records.get(key(task.id(), item));
        boolean starts = state == TaskState.RUNNING;
        boolean ends = state == TaskState.SUCCEEDED || state == TaskState.FAILED || state == TaskState.SKIPPED
                || state == TaskState.ROLLED_BACK || state == TaskState.UNKNOWN;
        TaskRecord next = new TaskRecord(runId, task.id(), item, r.seq(), r.phase(), state.wire(), rows != null ? rows : r.rows(),
                checksum != null ? checksum : r.checksum(), r.attempts() + (starts ? 1 : 0),
                starts && r.startedAt() == null ? clock.instant() : r.startedAt(), ends ? clock.instant() : starts ? null : r.endedAt(),
                applied ? Long.valueOf(++appliedCounter) : r.appliedSeq(), message != null ? message : starts ? null : r.message());
        records.put(key(next.taskId(), next.item()), next);
        if (durable) {
            store.saveTask(next, "task_" + state.wire(), message);
        } else {
            store.saveTaskLater(next, "task_" + state.wire(), message);
        }
        return next;
    }

    /**
     * Puts back on the rollback stack the tasks this run recorded in their targets' {@code cutover_history} but whose
     * journal record a kill cut short (the engine writes those lazily, the pending records of a starting run too):
     * before a resume or a rollback trusts the stack. {@code order} is the run's order, in which they are stacked.
     */
    synchronized void recoverApplied(List<Planned> order, java.util.function.Predicate<Task> changes, AppliedLookup lookup)
            throws java.sql.SQLException {
        for (Planned p : order) {
            TaskRecord r = records.get(key(p.task().id(), p.item()));
            if (r != null && r.appliedSeq() != null || !changes.test(p.task())
                    || lookup.recordedBy(p.task(), p.item()).filter(runId::equals).isEmpty()) {
                continue;
            }
            if (r == null) {
                records.put(key(p.task().id(), p.item()), new TaskRecord(runId, p.task().id(), p.item(), p.seq(), p.task().phase(),
                        TaskState.PENDING.wire(), null, p.checksum(), 0, null, null, null, null));
            }
            markApplied(p.task(), p.item(), null, null);
        }
    }

    /** Marks the task applied (it joins the rollback stack), with the rows it moved. */
    public synchronized void markApplied(Task task, String item, Long rows, String checksum) {
        TaskRecord r = records.get(key(task.id(), item));
        save(new TaskRecord(runId, r.taskId(), item, r.seq(), r.phase(), r.state(), rows != null ? rows : r.rows(),
                checksum != null ? checksum : r.checksum(), r.attempts(), r.startedAt(), r.endedAt(), ++appliedCounter, r.message()));
    }

    /** Notes the rows a data task has moved so far (status shows them while it runs); written at most every second. */
    public synchronized void progress(Task task, String item, long rows) {
        TaskRecord r = records.get(key(task.id(), item));
        if (r == null || (r.rows() != null && r.rows() == rows)) {
            return;
        }
        long now = clock.millis();
        if (now - lastProgressWrite < 1000) {
            records.put(key(task.id(), item), withRows(r, rows));
            return;
        }
        lastProgressWrite = now;
        save(withRows(r, rows));
    }

    private long lastProgressWrite;

    private static TaskRecord withRows(TaskRecord r, long rows) {
        return new TaskRecord(r.runId(), r.taskId(), r.item(), r.seq(), r.phase(), r.state(), rows, r.checksum(), r.attempts(),
                r.startedAt(), r.endedAt(), r.appliedSeq(), r.message());
    }

    /** Takes the task off the rollback stack (its down ran). */
    public synchronized void clearApplied(Task task, String item) {
        TaskRecord r = records.get(key(task.id(), item));
        if (r != null) {
            save(new TaskRecord(runId, r.taskId(), item, r.seq(), r.phase(), r.state(), r.rows(), r.checksum(), r.attempts(),
                    r.startedAt(), r.endedAt(), null, r.message()));
        }
    }

    /** Adopts a record from the store (a rollback of tasks applied by earlier runs). */
    public synchronized void adopt(TaskRecord r) {
        records.put(key(r.taskId(), r.item()), r);
    }

    private void save(TaskRecord r) {
        records.put(key(r.taskId(), r.item()), r);
        store.saveTask(r);
    }

    /** The run's id. */
    public String runId() {
        return runId;
    }
}
