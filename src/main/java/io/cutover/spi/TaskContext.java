package io.cutover.spi;

import io.cutover.plan.Plan;
import io.cutover.plan.Task;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * What the engine gives a handler for one execution of one task. The engine owns connections,
 * transactions boundaries of its journal, retries, timeouts and rollback order; the handler does
 * the work and tells the engine, through {@link #applied}, the moment its change is recorded.
 *
 * <pre>{@code
 * Connection c = context.connection("app");
 * c.setAutoCommit(false);
 * try (Statement s = c.createStatement()) { s.execute(sql); }
 * context.applied(c);   // cutover_history row, same transaction
 * c.commit();
 * }</pre>
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

    /** A handler key as text with {@code ${item}} and {@code ${run.id}} filled in; {@code {file: x}} is read from the plan's folder. */
    Optional<String> text(String key);

    /** The plan file's folder (shell's default working directory, SQL files). */
    Path planDir();

    /** A pooled connection to a datasource of the plan; the engine closes it after the task. */
    Connection connection(String datasource) throws SQLException;

    /**
     * Records the task as applied in {@code cutover_history} on {@code connection}. For
     * transactional work call it before the commit, so that the work and its record commit together.
     */
    void applied(Connection connection) throws SQLException;

    /**
     * Adds the task's {@code cutover_history} record to a JDBC batch that the handler is about to run in its open
     * transaction, so that the record travels with the work in one round trip. Returns false when the engine cannot
     * (the handler then calls {@link #applied(Connection)} as usual). When it returns true, the handler still calls
     * {@link #applied(Connection)} once the batch has run, which then only takes note; if the batch fails, the handler
     * rolls back and nothing is recorded.
     */
    default boolean addAppliedTo(java.sql.Statement batch) throws SQLException {
        return false;
    }

    /** Removes the record of the task (its down ran), on {@code connection}; the caller commits. */
    void unapplied(Connection connection) throws SQLException;

    /** Part of the work may have happened (a statement-by-statement script failed midway): roll it back too. */
    void maybeApplied();

    /**
     * The checkpoint a previous attempt of this task (and item) committed in {@code datasource}, if
     * any; its table is created on first use, so call this before opening a transaction.
     */
    Optional<Checkpoint> checkpoint(String datasource) throws SQLException;

    /**
     * Commits one batch of a data task: writes {@code checkpoint} on {@code connection} (in the
     * batch's open transaction) and commits, so the batch and its checkpoint are one.
     */
    void commitBatch(Connection connection, Checkpoint checkpoint) throws SQLException;

    /** Removes the checkpoint on {@code connection} (the copy was undone, or is finished); the caller commits. */
    void clearCheckpoint(Connection connection) throws SQLException;

    /** When a task of this plan last started in a run that applied it (for copy's {@code since}). */
    Optional<java.time.Instant> startedAt(String taskId);

    /** Waits until a person approves this task ({@code cutover approve}); false when {@code timeout} passed first. */
    boolean awaitApproval(Duration timeout) throws InterruptedException;

    /** Holds the run for {@code duration} while rollback triggers are watched; returns early when the run is stopping. */
    void hold(Duration duration) throws InterruptedException;

    /** True when the run is stopping (a trigger fired, the window closed): stop at the next safe point. */
    boolean isStopping();

    /** A progress line for long work (rows copied, seconds left). */
    void progress(String message);
}
