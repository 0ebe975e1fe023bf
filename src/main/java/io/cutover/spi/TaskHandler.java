package io.cutover.spi;

import io.cutover.plan.Task;
import tools.jackson.databind.JsonNode;

/**
 * A task type. Handlers are found with {@link java.util.ServiceLoader}: a jar that lists its class
 * in {@code META-INF/services/io.cutover.spi.TaskHandler} adds a type, with its own JSON Schema for
 * its keys, exactly as the built-in ones do.
 *
 * <pre>{@code
 * public final class SlackHandler implements TaskHandler {
 *     public String type() { return "slack"; }
 *     public JsonNode schema() { return JSON.readTree("{\"properties\": {\"channel\": {...}}, \"required\": [\"channel\"]}"); }
 *     public boolean changesState(Task task) { return false; }
 *     public TaskOutcome execute(TaskContext context) { ...; return TaskOutcome.succeeded(); }
 * }
 * }</pre>
 *
 * The engine, not the handler, owns transactions, retries, timeouts, journal rows and rollback order.
 * A handler runs on the run's own thread. When the task's {@code timeout} passes, the engine aborts
 * the connections the handler took from {@link TaskContext#connection} and interrupts that thread:
 * a handler that waits (a process, an HTTP call, a sleep) lets the {@link InterruptedException}
 * end it, so that the run can go on to its rollback.
 */
public interface TaskHandler {

    /** The task type this handler carries out, as written in {@code type:}. */
    String type();

    /** One line for {@code cutover handlers}. */
    default String summary() {
        return type();
    }

    /**
     * The handler's own keys as a JSON Schema fragment: {@code properties} (each with a
     * {@code description}) and optionally {@code required}. The common task keys are added by cutover.
     */
    JsonNode schema();

    /** Load-time checks beyond the schema, reported with positions. */
    default void check(Task task, Problems problems) {
    }

    /** True when the task changes something, so it needs a {@code down} or {@code irreversible: true}. */
    default boolean changesState(Task task) {
        return true;
    }

    /** True when the task has its own inverse ({@code down}, or the handler's, such as copy's truncate). */
    default boolean hasRollback(Task task) {
        return task.has("down");
    }

    /**
     * After a crash, learns whether the task's work happened: true (applied), false (not applied),
     * or empty when the handler cannot tell (then the engine asks the operator). SQL runs its
     * {@code verify}.
     */
    default java.util.Optional<Boolean> settle(TaskContext context) throws Exception {
        return java.util.Optional.empty();
    }

    /** True when the work commits all at once or not at all, so a crash mid-way left nothing behind. */
    default boolean isAtomic(TaskContext context) {
        return false;
    }

    /**
     * True when the handler picks up where an interrupted attempt stopped (copy, from its
     * checkpoint): after a crash the engine simply runs it again.
     */
    default boolean resumes(Task task) {
        return false;
    }

    /** Does the work. */
    TaskOutcome execute(TaskContext context) throws Exception;

    /** Undoes the work; by default there is nothing to undo. */
    default TaskOutcome down(TaskContext context) throws Exception {
        return TaskOutcome.succeeded();
    }
}
