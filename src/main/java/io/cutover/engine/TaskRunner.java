package io.cutover.engine;

import io.cutover.plan.Task;
import io.cutover.spi.TaskHandler;
import io.cutover.spi.TaskOutcome;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One task through its attempts: the handler runs on a worker thread so that a {@code timeout}
 * can abort it (its connections are aborted, the database rolls back what was open); a failed
 * attempt is retried with doubling backoff, but never once part of the work was applied.
 */
final class TaskRunner {
    /** What the attempts came to, and whether anything was applied. */
    record Result(TaskOutcome outcome, boolean recorded, boolean maybeApplied) { }

    private final RunScope scope;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "cutover-task");
        t.setDaemon(true);
        return t;
    });

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

    private Result attempt(TaskHandler handler, Task task, String item, String checksum, boolean down) throws InterruptedException {
        EngineContext context = new EngineContext(scope, task, item, checksum);
        Future<TaskOutcome> future = workers.submit(() -> down ? handler.down(context) : handler.execute(context));
        TaskOutcome outcome;
        try {
            Optional<Duration> timeout = task.timeout();
            outcome = timeout.isPresent() ? future.get(timeout.get().toMillis(), TimeUnit.MILLISECONDS) : future.get();
        } catch (TimeoutException e) {
            context.abort();
            future.cancel(true);
            outcome = TaskOutcome.failed("timed out after " + Reporter.seconds(task.timeout().orElseThrow())
                    + " (timeout); its connections were aborted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            outcome = TaskOutcome.failed(cause.getMessage() == null ? cause.toString() : cause.getMessage());
        } catch (InterruptedException e) {
            context.abort();
            future.cancel(true);
            throw e;
        } finally {
            context.close();
        }
        return new Result(outcome, context.isRecorded(), context.isMaybeApplied());
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

    void close() {
        workers.shutdownNow();
    }
}
