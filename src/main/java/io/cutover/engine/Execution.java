package io.cutover.engine;

import io.cutover.ErrorCode;
import io.cutover.journal.TaskRecord;
import io.cutover.plan.Phase;
import io.cutover.plan.Task;
import io.cutover.spi.TaskHandler;
import io.cutover.spi.TaskOutcome;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The phase loop of one run: phases and tasks in dependency order, once or per {@code foreach}
 * item, each task asked past the {@link Admission} and the {@link StopSignal} before it starts,
 * skipped when already applied, settled when a crash left its outcome unknown.
 */
final class Execution {
    private final RunScope scope;
    private final RunOptions options;
    private final Admission admission;
    private final Map<String, String> checksums;
    private final TaskRunner runner;
    private final AppliedLookup lookup;
    private final Rollback rollback;
    private final TriggerWatch triggers;

    Execution(RunScope scope, RunOptions options, Admission admission, Map<String, String> checksums) {
        this.scope = scope;
        this.options = options;
        this.admission = admission;
        this.checksums = Map.copyOf(checksums);
        this.runner = new TaskRunner(scope);
        this.lookup = scope.lookup();
        this.rollback = new Rollback(scope, runner, lookup);
        this.triggers = new TriggerWatch(scope.loaded().plan(), scope.stop(), scope.reporter(),
                new Probe(scope.pools(), scope.planDir()), scope.clock());
    }

    /** A step's verdict: go on, or end the run with this outcome. */
    private sealed interface Step {
        record Next() implements Step { }

        record End(RunOutcome outcome) implements Step { }
    }

    RunOutcome run() throws InterruptedException {
        try {
            triggers.start();
            Instant start = scope.clock().instant();
            int done = 0;
            List<Journal.Planned> order = order(scope.loaded().plan(), checksums);
            scope.journal().planAll(order); // one write for the whole run, not one per task
            for (Journal.Planned next : order) {
                Phase phase = scope.loaded().plan().phase(next.task().phase()).orElseThrow();
                Step step = step(phase, next.task(), next.item());
                if (step instanceof Step.End end) {
                    return end.outcome();
                }
                done++;
            }
            Optional<Step> watched = watchAfter();
            if (watched.isPresent()) {
                return ((Step.End) watched.get()).outcome();
            }
            String message = "completed " + done + " task" + (done == 1 ? "" : "s") + " in "
                    + Reporter.seconds(Duration.between(start, scope.clock().instant()));
            scope.store().setRunState(scope.runId(), RunState.COMPLETED.wire(), true, message);
            return new RunOutcome(ErrorCode.OK, scope.runId(), "run " + scope.runId() + " of plan '" + scope.plan() + "' " + message);
        } finally {
            triggers.close();
            runner.close();
        }
    }

    /** {@code trigger_policy.after}: the triggers are watched a while after the last phase; a stop then still applies. */
    private Optional<Step> watchAfter() throws InterruptedException {
        java.time.Duration after = scope.loaded().plan().triggerPolicy().after();
        if (!scope.loaded().plan().triggers().isEmpty() && !after.isZero()) {
            scope.reporter().line("watching the rollback triggers for " + io.cutover.plan.DurationText.format(after)
                    + " after the last phase");
            Instant until = scope.clock().instant().plus(after);
            while (scope.clock().instant().isBefore(until) && !scope.stop().isRaised()) {
                Thread.sleep(200);
            }
        }
        return scope.stop().get().map(s -> {
            try {
                return new Step.End(stopped(s));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Step.End(new RunOutcome(ErrorCode.FAILED, scope.runId(), "interrupted"));
            }
        });
    }

    /** Undoes the run's applied tasks (a trigger or the resumed rollback of a crashed run). */
    RunOutcome rollBack(String why) throws InterruptedException {
        try {
            return rollback.undoRun(why);
        } finally {
            runner.close();
        }
    }

    private Step step(Phase phase, Task task, String item) throws InterruptedException {
        TaskState state = TaskState.of(scope.journal().get(task.id(), item).map(TaskRecord::state).orElse("pending"));
        if (state == TaskState.SUCCEEDED || state == TaskState.SKIPPED) {
            return new Step.Next();
        }
        Optional<StopSignal.Stop> stop = scope.stop().get();
        if (stop.isPresent()) {
            return new Step.End(stopped(stop.get()));
        }
        Admission.Decision decision = admission.admit(phase, task, scope.clock().instant());
        if (decision instanceof Admission.Decision.NotNow notNow) {
            Optional<Step> closed = windowClosed(phase, notNow.reason());
            if (closed.isPresent()) {
                return closed.get();
            }
        } else if (!phase.anytime()) {
            windowPhase = phase.id(); // this run has worked inside the window: its closing follows on_close
        }
        TaskHandler handler = scope.handlers().find(task.type()).orElseThrow();
        String checksum = checksums.get(task.id());
        if (handler.changesState(task)) {
            Optional<Step> settled = alreadyApplied(handler, task, item, checksum, state);
            if (settled.isPresent()) {
                return settled.get();
            }
        }
        return execute(phase, handler, task, item, checksum);
    }

    /** The phase this run last started inside the window, once it has. */
    private String windowPhase;

    /**
     * Not admitted. Before the run worked inside the window: it waits for the next opening (exit 3).
     * After: the window closed on it, and {@code on_close} decides: stop (exit 1, resumable),
     * rollback, or finish_phase (the running phase goes on, then the run stops).
     */
    private Optional<Step> windowClosed(Phase phase, String reason) throws InterruptedException {
        if (windowPhase == null) {
            scope.store().setRunState(scope.runId(), RunState.WAITING.wire(), false, reason);
            return Optional.of(new Step.End(new RunOutcome(ErrorCode.REFUSED, scope.runId(), reason
                    + "; the run " + scope.runId() + " waits and goes on with 'cutover run' (or is scheduled)")));
        }
        io.cutover.plan.Window.OnClose onClose = scope.loaded().plan().window().orElseThrow().onClose();
        if (onClose == io.cutover.plan.Window.OnClose.FINISH_PHASE && phase.id().equals(windowPhase)) {
            return Optional.empty(); // let the phase that was running finish
        }
        String why = "the window closed during the run (" + reason + ")";
        if (onClose == io.cutover.plan.Window.OnClose.ROLLBACK) {
            scope.reporter().line("rolling back run " + scope.runId() + ": " + why + ", and on_close says rollback");
            return Optional.of(new Step.End(rollback.undoRun(why)));
        }
        scope.store().setRunState(scope.runId(), RunState.STOPPED.wire(), false, why);
        return Optional.of(new Step.End(new RunOutcome(ErrorCode.FAILED, scope.runId(), why
                + "; the run is stopped and goes on at the next window with 'cutover run'")));
    }

    /** Skips work that is applied already, and settles work a crash (or a failed verify) left open. */
    private Optional<Step> alreadyApplied(TaskHandler handler, Task task, String item, String checksum, TaskState state)
            throws InterruptedException {
        try {
            boolean fresh = state == TaskState.PENDING;
            if (lookup.checksum(task, item).isPresent()) {
                if (fresh && lookup.recordedBy(task, item).filter(scope.runId()::equals).isPresent()) {
                    // This run applied it, and a kill took the journal's record of that (its start is written lazily
                    // for such a task): it is back on this run's rollback stack.
                    scope.journal().succeeded(task, item, true, null, checksum, "applied before the run stopped", true);
                    scope.reporter().line("skip   " + Reporter.label(task, item) + ": applied before the run stopped");
                    return Optional.of(new Step.Next());
                }
                if (fresh) {
                    scope.journal().update(task, item, TaskState.SUCCEEDED, "already applied");
                    scope.reporter().line("skip   " + Reporter.label(task, item) + ": already applied");
                    return Optional.of(new Step.Next());
                }
                // Applied by this run before it stopped: its verify decides whether it is done.
                scope.journal().markApplied(task, item, null, checksum);
                if (runner.settle(handler, task, item, checksum).orElse(true)) {
                    scope.journal().update(task, item, TaskState.SUCCEEDED, "applied before the run stopped");
                    scope.reporter().line("skip   " + Reporter.label(task, item) + ": applied before the run stopped");
                    return Optional.of(new Step.Next());
                }
                Phase phase = scope.loaded().plan().phase(task.phase()).orElseThrow();
                return Optional.of(failed(phase, task, item, true, "verify failed: the task is applied but its verify does not pass"));
            }
            if (fresh || state == TaskState.FAILED || state == TaskState.WAITING) {
                return Optional.empty();
            }
            return settle(handler, task, item, checksum);
        } catch (SQLException e) {
            String message = "cannot read cutover_history: " + scope.loaded().secrets().mask(e.getMessage());
            return Optional.of(new Step.End(new RunOutcome(ErrorCode.FAILED, scope.runId(), message)));
        }
    }

    private Optional<Step> settle(TaskHandler handler, Task task, String item, String checksum) throws SQLException {
        if (handler.resumes(task) && !options.resolve().containsKey(task.id())) {
            scope.reporter().line("resume " + Reporter.label(task, item) + ": from its last checkpoint");
            return Optional.empty();
        }
        String decision = options.resolve().get(task.id());
        Optional<Boolean> verdict = decision != null ? Optional.of(decision.equals("applied"))
                : runner.isAtomic(handler, task, item, checksum) ? Optional.of(false) : runner.settle(handler, task, item, checksum);
        if (verdict.isEmpty()) {
            String message = "the outcome of " + Reporter.label(task, item) + " is unknown: the run stopped while it ran,"
                    + " and it has no verify to tell; check by hand, then run again with --resolve " + task.id()
                    + "=applied or --resolve " + task.id() + "=not_applied";
            scope.journal().update(task, item, TaskState.UNKNOWN, message);
            scope.store().setRunState(scope.runId(), RunState.FAILED.wire(), false, message);
            return Optional.of(new Step.End(new RunOutcome(ErrorCode.REFUSED, scope.runId(), message)));
        }
        if (verdict.get()) {
            lookup.record(task, item, checksum, scope.runId());
            scope.journal().succeeded(task, item, true, null, checksum, "settled: applied before the crash", true);
            scope.reporter().line("skip   " + Reporter.label(task, item) + ": settled as applied before the crash");
            return Optional.of(new Step.Next());
        }
        scope.reporter().line("again  " + Reporter.label(task, item) + ": its work did not happen before the crash");
        return Optional.empty();
    }

    private Step execute(Phase phase, TaskHandler handler, Task task, String item, String checksum) throws InterruptedException {
        // The start of a task must be on disk before it runs when it alone would tell a resumed run that the work may
        // have happened. A task that commits all at once with its cutover_history row does not need it: the row tells.
        boolean selfEvident = !handler.changesState(task)
                || AppliedLookup.historyDatasource(task).isPresent() && runner.isAtomic(handler, task, item, checksum);
        scope.journal().started(task, item, !selfEvident);
        scope.reporter().started(task, item);
        Instant start = scope.clock().instant();
        TaskRunner.Result result = runner.execute(handler, task, item, checksum);
        boolean changes = handler.changesState(task);
        TaskOutcome outcome = result.outcome();
        Duration took = Duration.between(start, scope.clock().instant());
        if (outcome instanceof TaskOutcome.Succeeded ok) {
            if (changes) {
                try {
                    if (!result.recorded()) {
                        lookup.record(task, item, checksum, scope.runId());
                    }
                } catch (SQLException e) {
                    return failed(phase, task, item, true, "the work is done, but its history row could not be written: " + e.getMessage());
                }
            }
            // Its cutover_history row (or, for a task that changes nothing, running it again) tells a resumed run what
            // a kill took from the journal: that write may then go with the next one.
            selfEvident = !changes || AppliedLookup.historyDatasource(task).isPresent();
            scope.journal().succeeded(task, item, changes, ok.rows() >= 0 ? ok.rows() : null, changes ? checksum : null,
                    ok.message().isEmpty() ? null : ok.message(), !selfEvident);
            scope.reporter().finished(task, item, TaskState.SUCCEEDED, took, ok.rows() >= 0 ? ok.rows() + " rows" : ok.message());
            return new Step.Next();
        }
        if (outcome instanceof TaskOutcome.Skipped skipped) {
            scope.journal().update(task, item, TaskState.SKIPPED, skipped.reason());
            scope.reporter().finished(task, item, TaskState.SKIPPED, took, skipped.reason());
            return new Step.Next();
        }
        boolean applied = changes && (result.recorded() || result.maybeApplied());
        if (applied) {
            scope.journal().markApplied(task, item, null, checksum);
        }
        boolean cutShort = scope.stop().isRaised(); // the stop came while it ran: it did not fail on its own
        if (outcome instanceof TaskOutcome.Failed f && f.inconsistency()) {
            triggers.signal("data_inconsistency");
        }
        return cutShort && !applied ? interrupted(task, item) : failed(phase, task, item, applied, TaskRunner.message(outcome));
    }

    private Step failed(Phase phase, Task task, String item, boolean applied, String rawMessage) throws InterruptedException {
        String message = scope.loaded().secrets().mask(rawMessage);
        scope.journal().update(task, item, TaskState.FAILED, message);
        scope.reporter().failure(task, item, message, scope.plan());
        String why = "task " + Reporter.label(task, item) + " failed";
        if (task.type().equals("approval") && !anythingApplied()) {
            scope.store().setRunState(scope.runId(), RunState.STOPPED.wire(), false, message);
            return new Step.End(new RunOutcome(ErrorCode.REFUSED, scope.runId(), message + "; nothing was changed yet"));
        }
        Optional<StopSignal.Stop> stop = scope.stop().get();
        if (stop.isPresent()) {
            return new Step.End(stopped(stop.get()));
        }
        if (phase.onFailure() == Phase.OnFailure.STOP) {
            scope.store().setRunState(scope.runId(), RunState.FAILED.wire(), false, why + ": " + message);
            return new Step.End(new RunOutcome(ErrorCode.FAILED, scope.runId(), why + " and the phase says on_failure: stop;"
                    + " the run is left failed: fix the cause and run again to resume, or 'cutover rollback " + scope.plan() + "'"));
        }
        scope.reporter().line("rolling back run " + scope.runId() + " (" + why + ")");
        return new Step.End(rollback.undoRun(why));
    }

    /** Cut short by a stop with nothing applied: it runs again when the run resumes. */
    private Step interrupted(Task task, String item) throws InterruptedException {
        StopSignal.Stop stop = scope.stop().get().orElseThrow();
        scope.journal().update(task, item, TaskState.PENDING, "cut short: " + stop.reason());
        return new Step.End(stopped(stop));
    }

    private RunOutcome stopped(StopSignal.Stop stop) throws InterruptedException {
        if (stop.triggerJson() != null) {
            scope.store().setRunTrigger(scope.runId(), stop.triggerJson());
        }
        if (stop.action() == StopSignal.Action.ROLLBACK) {
            scope.reporter().line("rolling back run " + scope.runId() + ": " + stop.reason());
            return rollback.undoRun(stop.reason());
        }
        scope.store().setRunState(scope.runId(), RunState.STOPPED.wire(), false, stop.reason());
        return new RunOutcome(ErrorCode.FAILED, scope.runId(), stop.reason() + "; the run is stopped and resumable");
    }

    private boolean anythingApplied() {
        return scope.journal().all().stream().anyMatch(r -> r.appliedSeq() != null);
    }

    /** Every task (and item) of the plan in the order a run takes them, numbered from 1. */
    static List<Journal.Planned> order(io.cutover.plan.Plan plan, Map<String, String> checksums) {
        List<Journal.Planned> order = new java.util.ArrayList<>();
        for (Phase phase : ExecutionOrder.phases(plan)) {
            for (String item : items(phase)) {
                for (Task task : ExecutionOrder.tasks(phase)) {
                    order.add(new Journal.Planned(task, item, order.size() + 1, checksums.get(task.id())));
                }
            }
        }
        return order;
    }

    static List<String> items(Phase phase) {
        return phase.isForeach() ? phase.foreach() : List.of("");
    }
}
