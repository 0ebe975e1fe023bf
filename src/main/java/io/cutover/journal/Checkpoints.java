package io.cutover.journal;

import io.cutover.plan.Datasource;
import io.cutover.spi.Checkpoint;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code cutover_copy_checkpoint} in a target datasource: where a copy stands, written on the
 * batch's own connection so that a batch and its checkpoint commit together. Resume then loses no
 * row and copies none twice, whether or not the target has a unique key.
 */
public final class Checkpoints {
    private Checkpoints() {
    }

    /** Creates the table if it is missing; outside any transaction of the work (see {@link History#ensure}). */
    public static void ensure(Connection connection, Datasource.Engine engine) throws SQLException {
        if (!connection.getAutoCommit()) {
            throw new IllegalStateException("cutover_copy_checkpoint must be created outside a transaction");
        }
        String name = "checkpoint-" + engine.name().toLowerCase(Locale.ROOT).replace("unknown", "postgresql") + ".sql";
        try (InputStream in = Checkpoints.class.getResourceAsStream(name); Statement s = connection.createStatement()) {
            s.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
        } catch (IOException e) {
            throw new IllegalStateException("missing " + name, e);
        }
    }

    /** The checkpoint of a task (and item), if one was committed. */
    public static Optional<Checkpoint> read(Connection c, String plan, String taskId, String item) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT position, rows_copied FROM cutover_copy_checkpoint WHERE plan = ? AND task_id = ? AND item = ?")) {
            ps.setString(1, plan);
            ps.setString(2, taskId);
            ps.setString(3, item);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Checkpoint(rs.getString(1), rs.getLong(2))) : Optional.empty();
            }
        }
    }

    /** Writes the checkpoint on {@code c}, in its open transaction. */
    public static void write(Connection c, String plan, String taskId, String item, Checkpoint checkpoint, String runId)
            throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE cutover_copy_checkpoint SET position = ?, rows_copied = ?,"
                + " run_id = ? WHERE plan = ? AND task_id = ? AND item = ?")) {
            update.setString(1, checkpoint.position());
            update.setLong(2, checkpoint.rows());
            update.setString(3, runId);
            update.setString(4, plan);
            update.setString(5, taskId);
            update.setString(6, item);
            if (update.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO cutover_copy_checkpoint (plan, task_id, item, position,"
                + " rows_copied, run_id) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, plan);
            insert.setString(2, taskId);
            insert.setString(3, item);
            insert.setString(4, checkpoint.position());
            insert.setLong(5, checkpoint.rows());
            insert.setString(6, runId);
            insert.executeUpdate();
        }
    }

    /** Forgets the checkpoint (the copy was undone). */
    public static void clear(Connection c, String plan, String taskId, String item) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM cutover_copy_checkpoint WHERE plan = ? AND task_id = ? AND item = ?")) {
            ps.setString(1, plan);
            ps.setString(2, taskId);
            ps.setString(3, item);
            ps.executeUpdate();
        }
    }
}
