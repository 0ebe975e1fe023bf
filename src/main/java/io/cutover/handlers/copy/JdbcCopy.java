package io.cutover.handlers.copy;

import io.cutover.plan.Datasource.Engine;
import io.cutover.spi.Checkpoint;
import io.cutover.spi.TaskContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * The copy between any two engines: one source query in key order, streamed, cut into batches of
 * {@code batch_size} rows; each batch is inserted with JDBC batching and committed together with
 * its checkpoint (the last key), so a resumed copy starts right after the last committed batch.
 */
final class JdbcCopy {
    private static final long MAX_BATCH_BYTES = 16L * 1024 * 1024;
    private final TaskContext context;
    private final CopySpec spec;
    private final CopyPlan plan;

    JdbcCopy(TaskContext context, CopySpec spec, CopyPlan plan) {
        this.context = context;
        this.spec = spec;
        this.plan = plan;
    }

    /** Copies what is left after {@code from}; returns the rows copied in all, this attempt and earlier ones. */
    long run(Optional<Checkpoint> from) throws SQLException, InterruptedException {
        long rows = from.map(Checkpoint::rows).orElse(0L);
        try (Connection src = context.connection(spec.source().datasource());
             Connection tgt = context.connection(spec.target().datasource())) {
            Pace pace = new Pace(spec.maxRowsPerSecond(), context, expectedRows(src, plan.sourceEngine(), spec, rows));
            Sessions.prepare(src, plan.sourceEngine());
            Sessions.prepare(tgt, plan.targetEngine());
            src.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
            if (spec.lockSource()) {
                try (Statement lock = src.createStatement()) {
                    lock.execute(Dialect.lock(plan.sourceEngine(), spec.source().table().orElseThrow()));
                }
            }
            tgt.setAutoCommit(false);
            try (PreparedStatement select = plan.select(src, from.map(Checkpoint::position), sinceInstant());
                 PreparedStatement insert = tgt.prepareStatement(plan.insertSql())) {
                select.setFetchSize(Math.min(spec.batchSize(), 50_000));
                try (ResultSet rs = select.executeQuery()) {
                    int inBatch = 0;
                    int width = plan.targetColumns().size();
                    String[] key = new String[plan.key().size()];
                    long bytes = 0;
                    boolean rowByRow = plan.targetEngine() == Engine.MARIADB && spec.mode() == CopySpec.Mode.UPSERT;
                    while (rs.next()) {
                        for (int i = 1; i <= width; i++) {
                            Object value = Values.convert(Values.read(rs, i), plan.targetEngine(), plan.targetTypes().get(i - 1));
                            bytes += value instanceof String text ? text.length() : value instanceof byte[] b ? b.length : 8;
                            insert.setObject(i, value);
                        }
                        for (int k = 0; k < key.length; k++) {
                            key[k] = rs.getString(width + 1 + k);
                        }
                        if (rowByRow) {
                            insert.executeUpdate(); // MariaDB's batch rewriting breaks ON DUPLICATE KEY UPDATE
                        } else {
                            insert.addBatch();
                        }
                        // A batch ends at batch_size rows, or sooner at ~16 MB, so that large values keep memory flat.
                        if (++inBatch == spec.batchSize() || bytes > MAX_BATCH_BYTES) {
                            rows = flush(insert, tgt, position(key), rows, inBatch, pace);
                            inBatch = 0;
                            bytes = 0;
                            if (context.isStopping()) {
                                throw new InterruptedException("the run is stopping");
                            }
                        }
                    }
                    if (inBatch > 0) {
                        rows = flush(insert, tgt, position(key), rows, inBatch, pace);
                    }
                }
            }
            src.commit(); // ends the read (and releases the source lock)
            if (spec.lockSource() && plan.sourceEngine() == Engine.MARIADB) {
                try (Statement unlock = src.createStatement()) {
                    unlock.execute("UNLOCK TABLES");
                }
            }
        }
        return rows;
    }

    private long flush(PreparedStatement insert, Connection tgt, String lastKey, long rows, int batch, Pace pace)
            throws SQLException, InterruptedException {
        insert.executeBatch();
        long total = rows + batch;
        context.commitBatch(tgt, new Checkpoint(lastKey, total));
        pace.after(total, batch);
        return total;
    }

    /** The checkpoint's position: the last key copied, a JSON array of its values as text. */
    static String position(String[] key) {
        ArrayNode array = JsonMapper.shared().createArrayNode();
        for (String k : key) {
            array.add(k);
        }
        return array.toString();
    }

    private Optional<Instant> sinceInstant() {
        if (spec.since().isEmpty()) {
            return Optional.empty();
        }
        String task = spec.since().get().task();
        return Optional.of(context.startedAt(task).orElseThrow(() -> new IllegalStateException(
                "since.task '" + task + "' has not been applied yet, so there is no time to catch up from")));
    }

    /**
     * Keeps the copy's average at or under {@code throttle.max_rows_per_second}, and reports progress:
     * rows, rows/s and, when the source's size is known, a bar and the time left.
     */
    static final class Pace {
        private final long maxPerSecond;
        private final TaskContext context;
        private final long expected;
        private final long startNanos = System.nanoTime();
        private long rowsThisAttempt;
        private long lastReport = System.nanoTime();

        /** {@code expected}: the rows the whole copy will have moved, or 0 when unknown. */
        Pace(long maxPerSecond, TaskContext context, long expected) {
            this.maxPerSecond = maxPerSecond;
            this.context = context;
            this.expected = expected;
        }

        void after(long total, int batch) throws InterruptedException {
            rowsThisAttempt += batch;
            long elapsed = System.nanoTime() - startNanos;
            if (maxPerSecond > 0) {
                long due = rowsThisAttempt * 1_000_000_000L / maxPerSecond;
                if (due > elapsed) {
                    Thread.sleep((due - elapsed) / 1_000_000);
                }
            }
            long now = System.nanoTime();
            if (now - lastReport > 1_000_000_000L) {
                lastReport = now;
                context.progress(line(total, rowsThisAttempt / ((now - startNanos) / 1e9)));
            }
        }

        String line(long total, double perSecond) {
            String rate = String.format(java.util.Locale.ROOT, "%,d rows, %,.0f rows/s", total, perSecond);
            if (expected <= 0 || total > expected) {
                return rate;
            }
            int width = 24;
            int filled = (int) (width * total / expected);
            long left = perSecond > 0 ? Math.round((expected - total) / perSecond) : -1;
            return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "] " + (100 * total / expected) + "% "
                    + String.format(java.util.Locale.ROOT, "%,d of %,d rows, %,.0f rows/s", total, expected, perSecond)
                    + (left >= 0 ? ", ETA " + io.cutover.plan.DurationText.format(java.time.Duration.ofSeconds(left)) : "");
        }
    }

    /** The rows a copy will move in all, as well as it can be known cheaply (an estimate on PostgreSQL and MariaDB). */
    static long expectedRows(Connection src, Engine engine, CopySpec spec, long already) {
        if (spec.source().table().isEmpty() || spec.where().isPresent() || spec.since().isPresent()) {
            return 0;
        }
        String table = spec.source().table().get();
        String sql = switch (engine) {
            case POSTGRESQL -> "SELECT reltuples::bigint FROM pg_class WHERE oid = '" + table.replace("'", "''") + "'::regclass";
            case MARIADB -> "SELECT table_rows FROM information_schema.tables WHERE table_schema = database() AND table_name = '"
                    + table.replace("'", "''") + "'";
            default -> "SELECT count(*) FROM " + table;
        };
        try (Statement s = src.createStatement(); java.sql.ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? Math.max(rs.getLong(1), already) : 0;
        } catch (SQLException e) {
            return 0;
        }
    }
}
