package io.cutover.handlers.copy;

import io.cutover.plan.Datasource.Engine;
import io.cutover.spi.Checkpoint;
import io.cutover.spi.TaskContext;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.PGCopyInputStream;

/**
 * PostgreSQL to PostgreSQL at the speed of COPY: one binary {@code COPY (SELECT ... ORDER BY key)
 * TO STDOUT} stream from the source, cut at row boundaries into batches (by rows, and by bytes so
 * that memory stays flat even for 1 MB values); each batch goes into the target with a binary
 * {@code COPY FROM STDIN}, then its checkpoint, then one commit. A reader thread fills a short
 * queue while the writer loads the previous batch, so reading and writing overlap.
 */
final class PgBinaryCopy {
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    private static final byte[] TRAILER = {(byte) 0xff, (byte) 0xff};
    private static final int MAX_BATCH_BYTES = 16 * 1024 * 1024;
    private static final Set<String> KEY_TYPES = Set.of("int2", "int4", "int8", "text", "varchar", "uuid");

    private final TaskContext context;
    private final CopySpec spec;
    private final CopyPlan plan;

    PgBinaryCopy(TaskContext context, CopySpec spec, CopyPlan plan) {
        this.context = context;
        this.spec = spec;
        this.plan = plan;
    }

    /** True when this path can do the copy: PostgreSQL on both sides, an insert, keys it can read from the stream. */
    static boolean applies(CopySpec spec, CopyPlan plan) {
        if (plan.sourceEngine() != Engine.POSTGRESQL || plan.targetEngine() != Engine.POSTGRESQL || spec.mode() != CopySpec.Mode.INSERT) {
            return false;
        }
        for (int k = 0; k < plan.key().size(); k++) {
            if (keyField(plan, k) < 0 || !KEY_TYPES.contains(plan.keyTypes().get(k).toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }

    private static int keyField(CopyPlan plan, int k) {
        for (int i = 0; i < plan.expressions().size(); i++) {
            if (plan.expressions().get(i).equalsIgnoreCase(plan.key().get(k))) {
                return i;
            }
        }
        return -1;
    }

    /** A batch of raw tuples in pooled chunks (the last one filled to {@code lastLength}), its rows and last key. */
    private record Batch(List<byte[]> chunks, int lastLength, int rows, String lastKey) { }

    private static final Batch END = new Batch(List.of(), 0, 0, null);
    /** Tuples travel in 1 MiB chunks from a fixed pool: memory stays flat, whatever the batch and row sizes. */
    private static final int CHUNK = 1 << 20;
    private static final int CHUNKS = 40;

    long run(Optional<Checkpoint> from) throws SQLException, InterruptedException {
        long rows = from.map(Checkpoint::rows).orElse(0L);

        BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(CHUNKS);
        BlockingQueue<byte[]> pool = new ArrayBlockingQueue<>(CHUNKS);
        for (int i = 0; i < CHUNKS; i++) {
            pool.add(new byte[CHUNK]);
        }
        try (Connection src = context.connection(spec.source().datasource());
             Connection tgt = context.connection(spec.target().datasource())) {
            JdbcCopy.Pace pace = new JdbcCopy.Pace(spec.maxRowsPerSecond(), context,
                    JdbcCopy.expectedRows(src, Engine.POSTGRESQL, spec, rows));
            src.setAutoCommit(false);
            if (spec.lockSource()) {
                try (Statement lock = src.createStatement()) {
                    lock.execute(Dialect.lock(Engine.POSTGRESQL, spec.source().table().orElseThrow()));
                }
            }
            tgt.setAutoCommit(false);
            String copyOut = "COPY (" + select(from.map(Checkpoint::position)) + ") TO STDOUT (FORMAT binary)";
            String copyIn = "COPY " + spec.target().table().orElseThrow() + " (" + String.join(", ", plan.targetColumns())
                    + ") FROM STDIN (FORMAT binary)";
            Reader reader = new Reader(src.unwrap(PGConnection.class), copyOut, queue, pool);
            Thread thread = new Thread(reader, "cutover-copy-reader");
            thread.setDaemon(true);
            thread.start();
            try {
                while (true) {
                    Batch batch = queue.poll(1, TimeUnit.SECONDS);
                    if (batch == null) {
                        if (reader.failure != null) {
                            throw reader.failure;
                        }
                        continue;
                    }
                    if (batch == END) {
                        break;
                    }
                    CopyIn in = tgt.unwrap(PGConnection.class).getCopyAPI().copyIn(copyIn);
                    in.writeToCopy(HEADER, 0, HEADER.length);
                    List<byte[]> chunks = batch.chunks();
                    for (int c = 0; c < chunks.size(); c++) {
                        in.writeToCopy(chunks.get(c), 0, c == chunks.size() - 1 ? batch.lastLength() : CHUNK);
                        pool.put(chunks.get(c));
                    }
                    in.writeToCopy(TRAILER, 0, TRAILER.length);
                    in.endCopy();
                    rows += batch.rows();
                    context.commitBatch(tgt, new Checkpoint(batch.lastKey(), rows));
                    pace.after(rows, batch.rows());
                    if (context.isStopping()) {
                        throw new InterruptedException("the run is stopping");
                    }
                }
                if (reader.failure != null) {
                    throw reader.failure;
                }
            } finally {
                reader.stop = true;
                thread.interrupt();
            }
            src.commit();
        }
        return rows;
    }

    /** The source query with every expression cast to its target column's type: binary COPY wants exact types. */
    private String select(Optional<String> after) {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < plan.expressions().size(); i++) {
            String type = plan.targetTypes().get(i);
            type = type.startsWith("_") ? type.substring(1) + "[]" : type;
            sql.append(i == 0 ? "" : ", ").append("CAST(").append(plan.expressions().get(i)).append(" AS ").append(type).append(')');
        }
        sql.append(" FROM ").append(spec.source().from());
        List<String> conditions = new java.util.ArrayList<>();
        spec.where().ifPresent(w -> conditions.add("(" + w + ")"));
        spec.since().ifPresent(s -> {
            Instant since = context.startedAt(s.task()).orElseThrow(() -> new IllegalStateException(
                    "since.task '" + s.task() + "' has not been applied yet, so there is no time to catch up from"));
            conditions.add(s.column() + " >= " + literal(OffsetDateTime.ofInstant(since, ZoneOffset.UTC).toString()) + "::timestamptz");
        });
        if (after.isPresent()) {
            List<String> values = new java.util.ArrayList<>();
            tools.jackson.databind.json.JsonMapper.shared().readTree(after.get()).forEach(v -> values.add(v.asString()));
            List<String> literals = new java.util.ArrayList<>();
            for (int k = 0; k < plan.key().size(); k++) {
                literals.add(literal(values.get(k)) + "::" + plan.keyTypes().get(k));
            }
            conditions.add(tuple(plan.key()) + " > " + tuple(literals));
        }
        if (!conditions.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", conditions));
        }
        return sql.append(" ORDER BY ").append(String.join(", ", plan.key())).toString();
    }

    private static String tuple(List<String> parts) {
        return parts.size() == 1 ? parts.get(0) : "(" + String.join(", ", parts) + ")";
    }

    /** A SQL literal (standard_conforming_strings on, the default since PostgreSQL 9.1). */
    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** Reads the COPY stream and cuts it into batches at row boundaries. */
    private final class Reader implements Runnable {
        private final PGConnection connection;
        private final String sql;
        private final BlockingQueue<Batch> queue;
        private final BlockingQueue<byte[]> pool;
        private volatile SQLException failure;
        private volatile boolean stop;
        private List<byte[]> chunks = new java.util.ArrayList<>();
        private byte[] chunk;
        private int used;
        private long batchBytes;

        Reader(PGConnection connection, String sql, BlockingQueue<Batch> queue, BlockingQueue<byte[]> pool) {
            this.connection = connection;
            this.sql = sql;
            this.queue = queue;
            this.pool = pool;
        }

        @Override
        public void run() {
            try (InputStream raw = new PGCopyInputStream(connection, sql);
                 DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
                in.readFully(new byte[11]);
                in.readInt(); // flags
                in.skipNBytes(in.readInt()); // header extension
                int width = plan.targetColumns().size();
                int[] keyFields = new int[plan.key().size()];
                for (int k = 0; k < keyFields.length; k++) {
                    keyFields[k] = keyField(plan, k);
                }
                byte[][] keyBytes = new byte[keyFields.length][];
                byte[] four = new byte[4];
                byte[] value = new byte[8192];
                chunk = pool.take();
                int rows = 0;
                while (!stop) {
                    short fields = in.readShort();
                    if (fields == -1) {
                        break;
                    }
                    if (fields != width) {
                        throw new SQLException("the COPY stream has " + fields + " fields per row, expected " + width);
                    }
                    four[0] = (byte) (fields >>> 8);
                    four[1] = (byte) fields;
                    append(four, 2);
                    for (int f = 0; f < fields; f++) {
                        int length = in.readInt();
                        ByteBuffer.wrap(four).putInt(length);
                        append(four, 4);
                        if (length > 0) {
                            if (value.length < length) {
                                value = new byte[Math.max(length, value.length * 2)];
                            }
                            in.readFully(value, 0, length);
                            append(value, length);
                            for (int k = 0; k < keyFields.length; k++) {
                                if (keyFields[k] == f) {
                                    keyBytes[k] = java.util.Arrays.copyOf(value, length);
                                }
                            }
                        }
                    }
                    rows++;
                    if (rows == spec.batchSize() || batchBytes >= MAX_BATCH_BYTES) {
                        ship(rows, position(keyBytes));
                        rows = 0;
                    }
                }
                if (rows > 0) {
                    ship(rows, position(keyBytes));
                }
                queue.put(END);
            } catch (SQLException e) {
                failure = e;
            } catch (IOException e) {
                failure = new SQLException("reading the source COPY stream: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void append(byte[] bytes, int length) throws InterruptedException {
            int at = 0;
            while (at < length) {
                if (used == CHUNK) {
                    chunks.add(chunk);
                    chunk = pool.take();
                    used = 0;
                }
                int n = Math.min(length - at, CHUNK - used);
                System.arraycopy(bytes, at, chunk, used, n);
                used += n;
                at += n;
            }
            batchBytes += length;
        }

        private void ship(int rows, String lastKey) throws InterruptedException {
            chunks.add(chunk);
            queue.put(new Batch(chunks, used, rows, lastKey));
            chunks = new java.util.ArrayList<>();
            chunk = pool.take();
            used = 0;
            batchBytes = 0;
        }

        private String position(byte[][] keyBytes) {
            String[] key = new String[keyBytes.length];
            for (int k = 0; k < key.length; k++) {
                key[k] = decode(keyBytes[k], plan.keyTypes().get(k).toLowerCase(Locale.ROOT));
            }
            return JdbcCopy.position(key);
        }
    }

    /** A key value from its binary COPY form, as text. */
    static String decode(byte[] value, String type) {
        if (value == null) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(value);
        return switch (type) {
            case "int2" -> String.valueOf(b.getShort());
            case "int4" -> String.valueOf(b.getInt());
            case "int8" -> String.valueOf(b.getLong());
            case "uuid" -> new UUID(b.getLong(), b.getLong()).toString();
            default -> new String(value, StandardCharsets.UTF_8);
        };
    }
}
