package io.cutover.engine;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.journal.RunRecord;
import io.cutover.journal.StateStore;
import io.cutover.load.HandlerRegistry;
import io.cutover.load.LoadedPlan;
import io.cutover.plan.Plan;
import io.cutover.plan.Task;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code run} and {@code rollback} verbs: open the journal, take the plan's lease, refuse
 * drift, pass the checklist, then hand over to {@link Execution} or {@link Rollback}.
 */
public final class Runner {
    private final LoadedPlan loaded;
    private final String stateUrl;
    private final HandlerRegistry handlers;
    private final Reporter reporter;

    public Runner(LoadedPlan loaded, String stateUrl, HandlerRegistry handlers, Reporter reporter) {
        this.loaded = loaded;
        this.stateUrl = stateUrl;
        this.handlers = handlers;
        this.reporter = reporter;
    }

    /** Runs the plan, or resumes its unfinished run. */
    public RunOutcome run(RunOptions options) throws InterruptedException {
        Plan plan = loaded.plan();
        startChecksums();
        try (Pools pools = new Pools(plan, loaded.secrets())) {
            pools.warm(historyDatasources());
            return run(options, pools);
        }
    }

    private RunOutcome run(RunOptions options, Pools pools) throws InterruptedException {
        Plan plan = loaded.plan();
        try (StateStore store = StateStore.openForRun(stateUrl, options.clock())) {
            List<RunRecord> runs = store.runs(plan.name());
            Optional<RunRecord> newest = runs.stream().findFirst();
            if (newest.isPresent() && newest.get().state().equals(RunState.ROLLBACK_FAILED.wire())) {
                throw new CutoverException(ErrorCode.REFUSED, "the last run " + newest.get().id() + " of plan '" + plan.name()
                        + "' failed to roll back: " + newest.get().message().orElse("") + "\nFix it, then 'cutover rollback "
                        + plan.name() + "'; a new run does not start over a half-undone one");
            }
            Optional<RunRecord> unfinished = newest.filter(r -> RunState.RESUMABLE.contains(RunState.of(r.state())));
            String runId = unfinished.map(RunRecord::id).orElseGet(() -> RunIds.next(options.clock().instant()));
            org.slf4j.MDC.put("run", runId);
            checkAcks(options.acks());
            try (Lease lease = Lease.acquire(store, plan.name(), runId, options.clock())) {
                StopSignal stop = new StopSignal();
                RunScope scope = new RunScope(loaded, runId, store, new Journal(store, runId, options.clock()), pools,
                        new AppliedLookup(plan.name(), pools, store), stop, reporter, handlers, options.clock());
                if (unfinished.isPresent()) {
                    recoverApplied(scope.journal(), scope.lookup());
                }
                try (Interruption interruption = Interruption.watch(stop, reporter)) {
                    return runLocked(scope, unfinished, options);
                }
            }
        }
    }

    private RunOutcome runLocked(RunScope scope, Optional<RunRecord> unfinished, RunOptions options) throws InterruptedException {
        Plan plan = loaded.plan();
        String runId = scope.runId();
        StateStore store = scope.store();
        Pools pools = scope.pools();
        Map<String, String> checksums = checksums();
        refuseDrift(scope, checksums, options.allowDrift());
        Admission admission = options.ignoreWindow() || plan.window().isEmpty() ? Admission.always()
                : new WindowAdmission(plan.window().get());
        Execution execution = new Execution(scope, options, admission, checksums);
        if (unfinished.isPresent() && unfinished.get().state().equals(RunState.ROLLING_BACK.wire())) {
            reporter.line("resuming the rollback of run " + runId + ", which stopped midway");
            return execution.rollBack("the rollback of run " + runId + " was resumed");
        }
        if (unfinished.isEmpty()) {
            if (nothingToDo(scope, checksums)) {
                return new RunOutcome(ErrorCode.OK, null, "nothing to do: every task of plan '" + plan.name() + "' is applied");
            }
            Checklist.check(plan.checklist(), options.acks(), pools, loaded.secrets());
            store.insertRun(new RunRecord(runId, plan.name(), plan.file(), RunState.RUNNING.wire(), options.clock().instant(),
                    Optional.empty(), Lease.hostName(), ProcessHandle.current().pid(), Optional.empty(), Optional.empty()));
            reporter.line("run " + runId + " of plan '" + plan.name() + "'");
        } else {
            store.setRunState(runId, RunState.RUNNING.wire(), false, null);
            reporter.line("resuming run " + runId + " of plan '" + plan.name() + "' (it was " + unfinished.get().state() + ")");
        }
        preApprove(store, runId, options.acks());
        return execution.run();
    }

    /** Undoes every applied task of the plan (or of one run), newest first. */
    public RunOutcome rollback(Optional<String> onlyRun, RunOptions options) throws InterruptedException {
        Plan plan = loaded.plan();
        try (Pools pools = new Pools(plan, loaded.secrets())) {
            pools.warm(historyDatasources());
            return rollback(onlyRun, options, pools);
        }
    }

    private RunOutcome rollback(Optional<String> onlyRun, RunOptions options, Pools pools) throws InterruptedException {
        Plan plan = loaded.plan();
        try (StateStore store = StateStore.openForRun(stateUrl, options.clock())) {
            String lockId = onlyRun.orElseGet(() -> store.runs(plan.name()).stream().findFirst().map(RunRecord::id)
                    .orElse(RunIds.next(options.clock().instant())));
            org.slf4j.MDC.put("run", lockId);
            if (onlyRun.isPresent() && store.run(onlyRun.get()).filter(r -> r.plan().equals(plan.name())).isEmpty()) {
                throw new CutoverException(ErrorCode.BAD_INPUT, "no run " + onlyRun.get() + " of plan '" + plan.name() + "'");
            }
            try (Lease lease = Lease.acquire(store, plan.name(), lockId, options.clock())) {
                RunScope scope = new RunScope(loaded, lockId, store, new Journal(store, lockId, options.clock()), pools,
                        new AppliedLookup(plan.name(), pools, store), new StopSignal(), reporter, handlers, options.clock());
                for (RunRecord r : store.runs(plan.name())) {
                    if (onlyRun.map(r.id()::equals).orElse(true) && RunState.RESUMABLE.contains(RunState.of(r.state()))) {
                        recoverApplied(new Journal(store, r.id(), options.clock()), scope.lookup());
                    }
                }
                TaskRunner runner = new TaskRunner(scope);
                try {
                    return new Rollback(scope, runner, scope.lookup()).undoPlan(onlyRun);
                } finally {
                    runner.close();
                }
            }
        }
    }

    /** The datasources whose cutover_history the run reads first: those of the tasks that change something. */
    private List<String> historyDatasources() {
        return loaded.plan().tasks().stream().filter(t -> handlers.find(t.type()).map(h -> h.changesState(t)).orElse(false))
                .map(AppliedLookup::historyDatasource).flatMap(Optional::stream).distinct().toList();
    }

    /** The run's journal made whole again from cutover_history, where a kill cut it short. */
    private void recoverApplied(Journal journal, AppliedLookup lookup) {
        try {
            journal.recoverApplied(Execution.order(loaded.plan(), checksums()), t -> handlers.find(t.type()).orElseThrow().changesState(t),
                    lookup);
        } catch (SQLException e) {
            throw new CutoverException(ErrorCode.FAILED, "cannot read cutover_history: " + loaded.secrets().mask(e.getMessage()), e);
        }
    }

    /** Each task's checksum, computed on another thread while the run opens its state store and takes its lease. */
    private java.util.concurrent.CompletableFuture<Map<String, String>> checksums;

    /** Each task's checksum (its definition as written), computed once. */
    private synchronized Map<String, String> checksums() {
        startChecksums();
        return checksums.join();
    }

    private synchronized void startChecksums() {
        if (checksums == null) {
            checksums = java.util.concurrent.CompletableFuture.supplyAsync(this::computeChecksums);
        }
    }

    private Map<String, String> computeChecksums() {
        Map<String, String> out = new HashMap<>();
        for (Task task : loaded.plan().tasks()) {
            String pointer = "/" + task.path().replace("].", "/").replace("[", "/").replace("]", "").replace(".", "/");
            out.put(task.id(), Checksums.of(loaded.tree().root().at(pointer)));
        }
        return out;
    }

    /** An applied task whose definition changed since: refused (exit 2) unless --allow-drift records it. */
    private void refuseDrift(RunScope scope, Map<String, String> checksums, boolean allow) {
        AppliedLookup lookup = scope.lookup();
        List<String> drifted = new ArrayList<>();
        try {
            for (Task task : loaded.plan().tasks()) {
                if (!handlers.find(task.type()).orElseThrow().changesState(task)) {
                    continue;
                }
                for (String item : Execution.items(loaded.plan().phase(task.phase()).orElseThrow())) {
                    Optional<String> recorded = lookup.checksum(task, item);
                    if (recorded.isPresent() && !recorded.get().equals(checksums.get(task.id()))) {
                        if (allow) {
                            lookup.record(task, item, checksums.get(task.id()), scope.runId());
                            scope.store().event(scope.runId(), "drift_accepted", task.id(), item, "checksum " + recorded.get()
                                    + " -> " + checksums.get(task.id()));
                            reporter.line("drift  " + Reporter.label(task, item) + ": its definition changed since it was applied;"
                                    + " --allow-drift records the new checksum without running it again");
                        } else {
                            drifted.add(task.id() + (item.isEmpty() ? "" : "[" + item + "]") + " (" + task.location() + ")");
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new CutoverException(ErrorCode.FAILED, "cannot read cutover_history: " + loaded.secrets().mask(e.getMessage()), e);
        }
        if (!drifted.isEmpty()) {
            throw new CutoverException(ErrorCode.BAD_INPUT, "these applied tasks changed since they were applied (drift): "
                    + String.join(", ", drifted) + ".\nA changed task is not run again. Restore its definition, write a new task"
                    + " for the change, or run with --allow-drift to record the new definition without running it.");
        }
    }

    private boolean nothingToDo(RunScope scope, Map<String, String> checksums) {
        AppliedLookup lookup = scope.lookup();
        try {
            boolean anyChange = false;
            for (Task task : loaded.plan().tasks()) {
                if (!handlers.find(task.type()).orElseThrow().changesState(task)) {
                    continue;
                }
                anyChange = true;
                for (String item : Execution.items(loaded.plan().phase(task.phase()).orElseThrow())) {
                    if (lookup.checksum(task, item).isEmpty()) {
                        return false;
                    }
                }
            }
            return anyChange;
        } catch (SQLException e) {
            return false;
        }
    }

    private void checkAcks(Set<String> acks) {
        Set<String> known = loaded.plan().checklist().stream().filter(c -> c.manual()).map(c -> c.id()).collect(Collectors.toSet());
        loaded.plan().tasks().stream().filter(t -> t.type().equals("approval")).forEach(t -> known.add(t.id()));
        for (String ack : acks) {
            if (!known.contains(ack)) {
                throw new CutoverException(ErrorCode.BAD_INPUT, "--ack " + ack + ": the plan has no manual checklist item or approval"
                        + " task with this id" + (known.isEmpty() ? "" : "; known: " + String.join(", ", new java.util.TreeSet<>(known))));
            }
        }
    }

    private void preApprove(StateStore store, String runId, Set<String> acks) {
        for (Task task : loaded.plan().tasks()) {
            if (task.type().equals("approval") && acks.contains(task.id())) {
                store.approve(runId, task.id(), "", "--ack");
            }
        }
    }
}
