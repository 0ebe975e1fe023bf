package io.cutover.engine;

import io.cutover.journal.Checkpoints;
import io.cutover.journal.History;
import io.cutover.spi.Checkpoint;
import io.cutover.load.Interpolation;
import io.cutover.plan.Plan;
import io.cutover.plan.Task;
import io.cutover.spi.TaskContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The engine's side of {@link TaskContext} for one attempt of one task: it hands out connections
 * (and closes them), writes {@code cutover_history}, and remembers whether the work was applied.
 */
final class EngineContext implements TaskContext, AutoCloseable {
    private final RunScope scope;
    private final Task task;
    private final String item;
    private final String checksum;
    /** The connections handed out, each with its datasource (an aborted one goes back to its own pool's eviction). */
    private final java.util.Map<Connection, String> connections = new java.util.IdentityHashMap<>();
    private boolean aborted;
    private volatile boolean recorded;
    private volatile boolean maybeApplied;

    EngineContext(RunScope scope, Task task, String item, String checksum) {
        this.scope = scope;
        this.task = task;
        this.item = item;
        this.checksum = checksum;
    }

    @Override
    public Task task() {
        return task;
    }

    @Override
    public Plan plan() {
        return scope.loaded().plan();
    }

    @Override
    public String runId() {
        return scope.runId();
    }

    @Override
    public Optional<String> item() {
        return item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    @Override
    public String mask(String text) {
        return scope.loaded().secrets().mask(text);
    }

    @Override
    public Optional<String> text(String key) {
        JsonNode value = task.spec().get(key);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        String text;
        if (value.isObject() && value.has("file")) {
            Path file = planDir().resolve(value.get("file").asString());
            try {
                text = Files.readString(file);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
            }
        } else {
            text = value.isString() ? value.asString() : value.toString();
        }
        return Optional.of(Interpolation.finish(text, item.isEmpty() ? null : item, runId()));
    }

    @Override
    public Path planDir() {
        return scope.planDir();
    }

    @Override
    public synchronized Connection connection(String datasource) throws SQLException {
        Connection c = scope.pools().connection(datasource);
        connections.put(c, datasource);
        return c;
    }


    /** The record went into the handler's batch ({@link #addAppliedTo}): {@link #applied} only takes note. */
    private boolean inBatch;

    @Override
    public boolean addAppliedTo(java.sql.Statement batch) throws SQLException {
        if (!batch.getConnection().isWrapperFor(org.postgresql.PGConnection.class)) {
            return false;
        }
        batch.addBatch(History.insertLiteralPostgres(scope.plan(), task.id(), item, checksum, scope.runId()));
        inBatch = true;
        return true;
    }

    @Override
    public void applied(Connection connection) throws SQLException {
        // No History.ensure here: creating the table would commit the handler's open transaction early
        // (DDL on MariaDB and H2, and the autocommit switch anywhere). The engine created it before the task.
        // The engine runs a task only when it is not applied, so its row is new: one insert, no delete first.
        if (!inBatch) {
            History.insert(connection, scope.plan(), task.id(), item, checksum, scope.runId());
        }
        inBatch = false;
        recorded = true;
        scope.lookup().noteRecorded(task, item, checksum, scope.runId());
    }

    @Override
    public void unapplied(Connection connection) throws SQLException {
        History.remove(connection, scope.plan(), task.id(), item);
        recorded = false;
        scope.lookup().noteRemoved(task, item);
    }

    @Override
    public void maybeApplied() {
        maybeApplied = true;
    }

    @Override
    public Optional<Checkpoint> checkpoint(String datasource) throws SQLException {
        try (Connection c = scope.pools().connection(datasource)) {
            Checkpoints.ensure(c, scope.pools().datasource(datasource).engine());
            return Checkpoints.read(c, scope.plan(), task.id(), item);
        }
    }

    @Override
    public void commitBatch(Connection connection, Checkpoint checkpoint) throws SQLException {
        Checkpoints.write(connection, scope.plan(), task.id(), item, checkpoint, scope.runId());
        connection.commit();
        maybeApplied = true;
        scope.journal().progress(task, item, checkpoint.rows());
    }

    @Override
    public void clearCheckpoint(Connection connection) throws SQLException {
        Checkpoints.clear(connection, scope.plan(), task.id(), item);
    }

    @Override
    public Optional<Instant> startedAt(String taskId) {
        return scope.store().appliedTasks(scope.plan()).stream().filter(r -> r.taskId().equals(taskId))
                .map(r -> r.startedAt()).filter(java.util.Objects::nonNull).findFirst();
    }

    @Override
    public boolean awaitApproval(Duration timeout) throws InterruptedException {
        Instant until = scope.clock().instant().plus(timeout);
        scope.journal().update(task, item, TaskState.WAITING, null);
        scope.store().setRunState(scope.runId(), RunState.WAITING.wire(), false, null);
        scope.reporter().line("waiting for approval of " + task.id() + ": " + text("prompt").orElse("")
                + " (cutover approve " + scope.runId() + " " + task.id() + ")");
        try {
            while (scope.clock().instant().isBefore(until)) {
                if (scope.store().isApproved(scope.runId(), task.id(), item) || scope.store().isApproved(scope.runId(), task.id(), "")) {
                    return true;
                }
                if (isStopping()) {
                    return false;
                }
                Thread.sleep(250);
            }
            return false;
        } finally {
            scope.store().setRunState(scope.runId(), RunState.RUNNING.wire(), false, null);
        }
    }

    @Override
    public void hold(Duration duration) throws InterruptedException {
        Instant until = scope.clock().instant().plus(duration);
        while (scope.clock().instant().isBefore(until) && !isStopping()) {
            Thread.sleep(Math.min(200, Math.max(1, Duration.between(scope.clock().instant(), until).toMillis())));
        }
    }

    @Override
    public boolean isStopping() {
        return scope.stop().isRaised();
    }

    @Override
    public void progress(String message) {
        scope.reporter().progress(task, mask(message));
    }

    /** True when the work is recorded in cutover_history. */
    boolean isRecorded() {
        return recorded;
    }

    /** True when part of the work may have happened. */
    boolean isMaybeApplied() {
        return maybeApplied;
    }

    /**
     * Stops the work of a timed-out task: on PostgreSQL the running statement is cancelled on the
     * server first (an aborted socket alone leaves the backend running, holding its locks until it
     * notices); then every connection handed out is aborted, so the database rolls back what was open.
     */
    synchronized void abort() {
        aborted = true;
        for (Connection c : connections.keySet()) {
            try {
                if (c.isWrapperFor(org.postgresql.PGConnection.class)) {
                    c.unwrap(org.postgresql.PGConnection.class).cancelQuery();
                }
            } catch (SQLException | RuntimeException e) {
                // nothing running, or the server is gone: the abort below covers it
            }
            try {
                c.abort(close -> {
                    Thread t = new Thread(close, "cutover-abort");
                    t.setDaemon(true);
                    t.start();
                });
            } catch (SQLException | RuntimeException e) {
                // the connection is going away anyway
            }
        }
    }

    @Override
    public synchronized void close() {
        for (Connection c : connections.keySet()) {
            if (aborted) {
                // Never back into the pool: the abort closes its socket on another thread, maybe only after a handler
                // had rolled back and returned it, and the next task (a rollback's down) would be handed a dead session.
                scope.pools().evict(connections.get(c), c);
                continue;
            }
            try {
                if (!c.isClosed() && !c.getAutoCommit()) {
                    c.rollback(); // a handler that left a transaction open did not finish its work
                }
                c.close();
            } catch (SQLException e) {
                // returning a broken connection: the pool evicts it
            }
        }
        connections.clear();
    }
}
