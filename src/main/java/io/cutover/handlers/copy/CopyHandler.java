package io.cutover.handlers.copy;

import io.cutover.handlers.verify.RowCompare;
import io.cutover.plan.Datasource.Engine;
import io.cutover.plan.Task;
import io.cutover.spi.Checkpoint;
import io.cutover.spi.HandlerSchema;
import io.cutover.spi.Problems;
import io.cutover.spi.TaskContext;
import io.cutover.spi.TaskHandler;
import io.cutover.spi.TaskOutcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The {@code copy} task type: moves rows in key order, in batches committed with their checkpoint,
 * so that a killed copy resumes where it stood with no row lost and none twice; then checks the
 * result ({@code row_count}, {@code checksum}); {@code down} truncates the target or deletes the
 * copied keys.
 */
public final class CopyHandler implements TaskHandler {
    private static final JsonNode SCHEMA = HandlerSchema.load(CopyHandler.class, "copy.schema.json");

    @Override
    public String type() {
        return "copy";
    }

    @Override
    public String summary() {
        return "moves rows between datasources in checkpointed batches.";
    }

    @Override
    public JsonNode schema() {
        return SCHEMA;
    }

    @Override
    public void check(Task task, Problems problems) {
        TableSides.check(task, problems, false);
        if ("none".equals(task.text("down").orElse("")) && !task.irreversible()) {
            problems.error(task, "/down", "down: none leaves the copy without a rollback: write irreversible: true to say so, "
                    + "or use down: truncate or delete_copied");
        }
    }

    @Override
    public boolean hasRollback(Task task) {
        return task.text("down").filter(d -> !d.equals("none")).isPresent();
    }

    @Override
    public boolean resumes(Task task) {
        return true;
    }

    @Override
    public TaskOutcome execute(TaskContext context) throws SQLException, InterruptedException {
        CopySpec spec = CopySpec.of(context.task());
        Engine sourceEngine = context.plan().datasources().get(spec.source().datasource()).engine();
        Engine targetEngine = context.plan().datasources().get(spec.target().datasource()).engine();
        Optional<Checkpoint> from = context.checkpoint(spec.target().datasource());
        CopyPlan plan;
        try (Connection src = context.connection(spec.source().datasource());
             Connection tgt = context.connection(spec.target().datasource())) {
            plan = CopyPlan.of(spec, sourceEngine, targetEngine, src, tgt);
        } catch (IllegalArgumentException e) {
            return TaskOutcome.failed(e.getMessage());
        }
        from.ifPresent(c -> context.progress("resuming after " + String.format("%,d", c.rows()) + " rows, after key " + c.position()));
        long rows;
        try {
            rows = PgBinaryCopy.applies(spec, plan) ? new PgBinaryCopy(context, spec, plan).run(from)
                    : new JdbcCopy(context, spec, plan).run(from);
        } catch (IllegalStateException e) {
            return TaskOutcome.failed(e.getMessage());
        }
        List<String> failed = checks(context, spec, plan);
        if (!failed.isEmpty()) {
            return new TaskOutcome.Failed("copied " + rows + " rows, then the checks failed:\n" + String.join("\n", failed), true);
        }
        try (Connection tgt = context.connection(spec.target().datasource())) {
            tgt.setAutoCommit(false);
            context.applied(tgt);
            context.clearCheckpoint(tgt);
            tgt.commit();
            tgt.setAutoCommit(true);
        }
        return new TaskOutcome.Succeeded(rows, spec.checks().isEmpty() ? "" : String.join(", ", spec.checks()) + " ok");
    }

    private List<String> checks(TaskContext context, CopySpec spec, CopyPlan plan) throws SQLException {
        List<String> failed = new ArrayList<>();
        try (Connection src = context.connection(spec.source().datasource());
             Connection tgt = context.connection(spec.target().datasource())) {
            Sessions.prepare(src, plan.sourceEngine());
            Sessions.prepare(tgt, plan.targetEngine());
            String where = spec.since().isPresent() ? null : spec.where().orElse(null);
            if (spec.checks().contains("row_count")) {
                long source = count(src, spec.source().from(), where);
                long target = count(tgt, spec.target().table().orElseThrow(), null);
                if (source != target) {
                    failed.add("row_count: " + source + " rows in the source, " + target + " in the target");
                }
            }
            if (spec.checks().contains("checksum")) {
                List<String> targetKey = new ArrayList<>();
                for (String k : plan.key()) {
                    int i = indexOfIgnoreCase(plan.expressions(), k);
                    targetKey.add(i >= 0 ? plan.targetColumns().get(i) : k);
                }
                RowCompare.Result result = RowCompare.compare(
                        new RowCompare.Side(src, plan.sourceEngine(), plan.expressions(), plan.key(), plan.keyTypes(),
                                spec.source().from(), where),
                        new RowCompare.Side(tgt, plan.targetEngine(), plan.targetColumns(), targetKey, plan.keyTypes(),
                                spec.target().table().orElseThrow(), null));
                if (!result.same()) {
                    failed.add("checksum: " + result.differences() + " rows differ; the first ones:\n  "
                            + String.join("\n  ", result.examples()));
                }
            }
        }
        return failed;
    }

    private static int indexOfIgnoreCase(List<String> list, String value) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).equalsIgnoreCase(value)) {
                return i;
            }
        }
        return -1;
    }

    static long count(Connection c, String from, String where) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + from + (where == null ? "" : " WHERE " + where))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public TaskOutcome down(TaskContext context) throws SQLException {
        CopySpec spec = CopySpec.of(context.task());
        Engine targetEngine = context.plan().datasources().get(spec.target().datasource()).engine();
        String table = spec.target().table().orElseThrow();
        context.checkpoint(spec.target().datasource()); // the checkpoint table exists before the transaction below
        try (Connection tgt = context.connection(spec.target().datasource())) {
            tgt.setAutoCommit(true);
            if ("delete_copied".equals(spec.down())) {
                deleteCopied(context, spec, tgt);
            } else {
                try (Statement s = tgt.createStatement()) {
                    s.execute(Dialect.truncate(targetEngine, table));
                }
            }
            tgt.setAutoCommit(false);
            context.clearCheckpoint(tgt);
            context.unapplied(tgt);
            tgt.commit();
            tgt.setAutoCommit(true);
        }
        return TaskOutcome.succeeded();
    }

    /** Deletes from the target the keys the source holds (under the copy's filter), in batches. */
    private void deleteCopied(TaskContext context, CopySpec spec, Connection tgt) throws SQLException {
        try (Connection src = context.connection(spec.source().datasource())) {
            Engine sourceEngine = context.plan().datasources().get(spec.source().datasource()).engine();
            Engine targetEngine = context.plan().datasources().get(spec.target().datasource()).engine();
            CopyPlan plan = CopyPlan.of(spec, sourceEngine, targetEngine, src, tgt);
            String condition = String.join(" AND ", plan.key().stream().map(k -> k + " = ?").toList());
            src.setAutoCommit(false);
            try (Statement s = src.createStatement();
                 PreparedStatement delete = tgt.prepareStatement("DELETE FROM " + spec.target().table().orElseThrow()
                         + " WHERE " + condition)) {
                s.setFetchSize(5000);
                String sql = "SELECT " + String.join(", ", plan.key()) + " FROM " + spec.source().from()
                        + spec.where().map(w -> " WHERE " + w).orElse("");
                int pending = 0;
                try (ResultSet rs = s.executeQuery(sql)) {
                    while (rs.next()) {
                        for (int k = 1; k <= plan.key().size(); k++) {
                            delete.setObject(k, rs.getObject(k));
                        }
                        delete.addBatch();
                        if (++pending == 1000) {
                            delete.executeBatch();
                            pending = 0;
                        }
                    }
                }
                if (pending > 0) {
                    delete.executeBatch();
                }
            }
            src.commit();
        }
    }
}
