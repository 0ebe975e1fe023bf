package io.cutover.spi;

import io.cutover.plan.Plan;
import io.cutover.plan.Task;
import java.util.Optional;

/**
 * What the engine gives a handler for one execution of one task: the task with {@code ${item}} and
 * {@code ${run.id}} filled in, the plan, and the run's identity. The engine adds connections, the
 * batch-commit call for data handlers and cancellation in later versions of this interface, as
 * default methods, so that handlers written against this one keep compiling.
 */
public interface TaskContext {

    /** The task to carry out. */
    Task task();

    /** The plan it belongs to. */
    Plan plan();

    /** The run's id. */
    String runId();

    /** The {@code foreach} item, when the phase has one. */
    Optional<String> item();

    /** Masks secret values in text that may reach a person (messages, logs). */
    String mask(String text);
}
