package io.cutover.engine;

import io.cutover.ErrorCode;
import io.cutover.journal.TaskRecord;
import io.cutover.plan.Task;
import io.cutover.spi.TaskHandler;
import io.cutover.spi.TaskOutcome;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The rollback stack: applied tasks undone newest first, across phases and runs, each through its
 * handler's {@code down}. The first down that fails stops the rollback and says what is left.
 */
final class Rollback {
    private final RunScope scope;
    private final TaskRunner runner;
    private final AppliedLookup lookup;

    Rollback(RunScope scope, TaskRunner runner, AppliedLookup lookup) {
        this.scope = scope;
        this.runner = runner;
        this.lookup = lookup;
    }

    /** Undoes the applied tasks of this run; ends the run rolled_back (exit 1) or rollback_failed (exit 4). */
    RunOutcome undoRun(String why) throws InterruptedException {
        List<TaskRecord> stack = scope.journal().all().stream().filter(r -> r.appliedSeq() != null)
                .sorted(Comparator.comparing(TaskRecord::appliedSeq).reversed()).toList();
        Optional<String> failure = undo(stack, Map.of(scope.runId(), scope.journal()));
        if (failure.isPresent()) {
            return new RunOutcome(ErrorCode.ROLLBACK_FAILED, scope.runId(), why + "; then the rollback failed: " + failure.get());
        }
        scope.store().setRunState(scope.runId(), RunState.ROLLED_BACK.wire(), true, why);
        return new RunOutcome(ErrorCode.FAILED, scope.runId(), why + "; the run was rolled back");
    }

    /** Undoes every applied task of the plan (or of one run), newest first: {@code cutover rollback}. */
    RunOutcome undoPlan(Optional<String> onlyRun) throws InterruptedException {
        List<TaskRecord> stack = scope.store().appliedTasks(scope.plan()).stream()
                .filter(r -> onlyRun.map(id -> id.equals(r.runId())).orElse(true)).toList();
        if (stack.isEmpty()) {
            return new RunOutcome(ErrorCode.OK, scope.runId(), "nothing to roll back: no task of plan '" + scope.plan()
                    + "' is applied" + onlyRun.map(id -> " by run " + id).orElse(""));
        }
        Map<String, Journal> journals = stack.stream().map(TaskRecord::runId).distinct()
                .collect(Collectors.toMap(Function.identity(), id -> new Journal(scope.store(), id, scope.clock())));
        Optional<String> failure = undo(stack, journals);
        if (failure.isPresent()) {
            return new RunOutcome(ErrorCode.ROLLBACK_FAILED, scope.runId(), "the rollback failed: " + failure.get());
        }
        for (String runId : journals.keySet()) {
            scope.store().setRunState(runId, RunState.ROLLED_BACK.wire(), true, "rolled back by 'cutover rollback'");
        }
        return new RunOutcome(ErrorCode.OK, scope.runId(), "rolled back " + stack.size() + " task" + (stack.size() == 1 ? "" : "s")
                + " of plan '" + scope.plan() + "'");
    }

    private Optional<String> undo(List<TaskRecord> stack, Map<String, Journal> journals) throws InterruptedException {
        journals.keySet().forEach(id -> scope.store().setRunState(id, RunState.ROLLING_BACK.wire(), false, null));
        for (int i = 0; i < stack.size(); i++) {
            TaskRecord record = stack.get(i);
            Journal journal = journals.get(record.runId());
            Optional<Task> task = scope.loaded().plan().tasks().stream().filter(t -> t.id().equals(record.taskId())).findFirst();
            if (task.isEmpty()) {
                return Optional.of(fail(journals, record.runId(), "task '" + record.taskId() + "' is applied but no longer in the plan,"
                        + " so cutover does not know how to undo it; undo it by hand", stack.subList(i, stack.size())));
            }
            Optional<String> error = undoOne(task.get(), record, journal);
            if (error.isPresent()) {
                return Optional.of(fail(journals, record.runId(), error.get(), stack.subList(i, stack.size())));
            }
        }
        return Optional.empty();
    }

    private Optional<String> undoOne(Task task, TaskRecord record, Journal journal) throws InterruptedException {
        String item = record.item();
        TaskHandler handler = scope.handlers().find(task.type()).orElseThrow();
        if (task.irreversible() || !handler.hasRollback(task)) {
            scope.reporter().line("keep   " + Reporter.label(task, item) + ": irreversible, stays applied");
            return Optional.empty();
        }
        journal.update(task, item, TaskState.ROLLING_BACK, null);
        scope.reporter().line("undo   " + Reporter.label(task, item));
        Instant start = scope.clock().instant();
        TaskRunner.Result result = runner.down(handler, task, item, record.checksum());
        if (!(result.outcome() instanceof TaskOutcome.Succeeded)) {
            String message = scope.loaded().secrets().mask(TaskRunner.message(result.outcome()));
            journal.update(task, item, TaskState.FAILED, "rollback failed: " + message);
            return Optional.of("the down of " + task.id() + " failed: " + message);
        }
        if (result.recorded() || AppliedLookup.historyDatasource(task).isPresent()) {
            try {
                lookup.remove(task, item);
            } catch (SQLException e) {
                return Optional.of("the down of " + task.id() + " ran, but its history row could not be removed: " + e.getMessage());
            }
        }
        journal.clearApplied(task, item);
        journal.update(task, item, TaskState.ROLLED_BACK, null);
        scope.reporter().finished(task, item, TaskState.ROLLED_BACK, Duration.between(start, scope.clock().instant()), null);
        return Optional.empty();
    }

    private String fail(Map<String, Journal> journals, String runId, String error, List<TaskRecord> left) {
        List<String> names = new ArrayList<>();
        left.forEach(r -> names.add(r.taskId() + (r.item().isEmpty() ? "" : "[" + r.item() + "]")));
        String message = error + "; still applied, newest first: " + String.join(", ", names)
                + ". Fix the cause, then run 'cutover rollback " + scope.plan() + "'";
        journals.keySet().forEach(id -> scope.store().setRunState(id, RunState.ROLLBACK_FAILED.wire(), true, message));
        return message;
    }
}
