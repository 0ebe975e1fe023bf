package io.cutover.engine;

import io.cutover.plan.Task;
import io.cutover.spi.TaskHandler;
import io.cutover.spi.TaskOutcome;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One task through its attempts: the handler runs on the run's thread, and a {@code timeout} aborts
 * it (its connections are aborted, the database rolls back what was open); a failed
 * attempt is retried with doubling backoff, but never once part of the work was applied.
 */
final class TaskRunner {
    /** What the attempts came to, and whether anything was applied. */
    record Result(TaskOutcome outcome, boolean recorded, boolean maybeApplied) { }

    private final RunScope scope;

    TaskRunner(RunScope scope) {
        this.scope = scope;
    }

    Result execute(TaskHandler handler, Task task, String item, String checksum) throws InterruptedException {
        int attempts = task.retries().attempts();
        Duration backoff = task.retries().backoff();
        Result last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            last = attempt(handler, task, item, checksum, false);
            boolean failed = !(last.outcome() instanceof TaskOutcome.Succeeded) && !(last.outcome() instanceof TaskOutcome.Skipped);
            if (!failed || last.recorded() || last.maybeApplied() || attempt == attempts || scope.stop().isRaised()) {
                return last;
            }
            scope.reporter().line("retry  " + Reporter.label(task, item) + " (attempt " + (attempt + 1) + " of " + attempts
                    + ") after " + Reporter.seconds(backoff) + ": " + message(last.outcome()));
            Thread.sleep(backoff.toMillis());
            backoff = backoff.multipliedBy(2);
        }
        return last;
    }

    /** Runs the handler's down (rollback) once, with the task's timeout. */
    Result down(TaskHandler handler, Task task, String item, String checksum) throws InterruptedException {
        return attempt(handler, task, item, checksum, true);
    }

    /** Asks the handler whether its work commits all at once. */
    boolean isAtomic(TaskHandler handler, Task task, String item, String checksum) {
        try (EngineContext context = new EngineContext(scope, task, item, checksum)) {
            return handler.isAtomic(context);
        }
    }

    /** Asks the handler whether work of unknown outcome happened. */
    Optional<Boolean> settle(TaskHandler handler, Task task, String item, String checksum) {
        try (EngineContext context = new EngineContext(scope, task, item, checksum)) {
            return handler.settle(context);
        } catch (Exception e) {
            scope.reporter().line("cannot settle " + Reporter.label(task, item) + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * One attempt, on the calling thread: handing each task to a worker thread and back cost a third of a millisecond
     * per task on a small machine, more than the rest of the engine's work for it. A {@code timeout} is kept by a
     * {@link Deadline} on the watchdog thread.
     */
    private Result attempt(TaskHandler handler, Task task, String item, String checksum, boolean down) throws InterruptedException {
        EngineContext context = new EngineContext(scope, task, item, checksum);
        Optional<Duration> timeout = task.timeout();
        Deadline deadline = timeout.isPresent() ? new Deadline(context, Thread.currentThread()) : null;
        if (deadline != null) {
            deadline.arm(watchdog(), timeout.get());
        }
        TaskOutcome outcome;
        boolean returned = false;
        boolean timedOut;
        try {
            outcome = down ? handler.down(context) : handler.execute(context);
            returned = true;
        } catch (InterruptedException e) {
            if (deadline == null || !deadline.disarm()) {
                context.abort();
                context.close();
                throw e; // not ours: the run is being stopped
            }
            outcome = null;
        } catch (Exception | StackOverflowError e) {
            outcome = TaskOutcome.failed(e.getMessage() == null ? e.toString() : e.getMessage());
        } finally {
            timedOut = deadline != null && deadline.disarm();
            context.close();
        }
        // Work the handler finished (it returned success) stays a success even when the deadline passed just after.
        if (timedOut && !(returned && outcome instanceof TaskOutcome.Succeeded)) {
            outcome = TaskOutcome.failed("timed out after " + Reporter.seconds(timeout.orElseThrow())
                    + " (timeout); its connections were aborted");
        }
        return new Result(outcome, context.isRecorded(), context.isMaybeApplied());
    }

    private ScheduledExecutorService watchdog;

    private synchronized ScheduledExecutorService watchdog() {
        if (watchdog == null) {
            watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "cutover-timeout");
                t.setDaemon(true);
                return t;
            });
        }
        return watchdog;
    }

    /**
     * A task's timeout: when it passes before the handler returns, the task's connections are aborted (the database rolls
     * back what was open, and a blocked statement returns at once) and its thread is interrupted (a process or a wait
     * ends). The interrupt is taken back when the task ends, so it never reaches the run's next step.
     */
    private static final class Deadline implements Runnable {
        private final EngineContext context;
        private final Thread runner;
        private ScheduledFuture<?> alarm;
        private boolean over;
        private boolean passed;

        Deadline(EngineContext context, Thread runner) {
            this.context = context;
            this.runner = runner;
        }

        synchronized void arm(ScheduledExecutorService watchdog, Duration after) {
            alarm = watchdog.schedule(this, after.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public synchronized void run() {
            if (!over) {
                passed = true;
                context.abort();
                runner.interrupt();
            }
        }

        /** On the runner's thread, as the attempt ends: true when the deadline passed (its interrupt is cleared). */
        synchronized boolean disarm() {
            over = true;
            if (alarm != null) {
                alarm.cancel(false);
            }
            if (passed) {
                Thread.interrupted();
            }
            return passed;
        }
    }

    static String message(TaskOutcome outcome) {
        if (outcome instanceof TaskOutcome.Failed f) {
            return f.message();
        }
        if (outcome instanceof TaskOutcome.Retry r) {
            return r.message();
        }
        if (outcome instanceof TaskOutcome.Succeeded s) {
            return s.message();
        }
        return ((TaskOutcome.Skipped) outcome).reason();
    }

    synchronized void close() {
        if (watchdog != null) {
            watchdog.shutdownNow();
        }
    }
}
