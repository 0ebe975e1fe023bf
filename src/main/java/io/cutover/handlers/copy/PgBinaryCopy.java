package io.cutover.handlers.copy;

import io.cutover.plan.Datasource.Engine;
import io.cutover.spi.Checkpoint;
import io.cutover.spi.TaskContext;
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
import org.postgresql.copy.CopyManager;
import org.postgresql.copy.CopyOut;

/**
 * PostgreSQL to PostgreSQL at the speed of COPY: one binary {@code COPY (SELECT ... ORDER BY key)
 * TO STDOUT} stream from the source, cut at row boundaries into batches (by rows, and by bytes so
 * that a batch of 1 MB values stays short); each batch goes into the target with a binary
 * {@code COPY FROM STDIN}, then its checkpoint, then one commit. A reader thread passes the rows'
 * bytes through untouched, in pooled 1 MiB chunks that a writer sends on as soon as each is full,
 * so that reading and writing overlap and memory stays flat. Where no batch can wait on another's
 * locks, several target sessions load batches at once and commit them in batch order (see
 * {@link #writers}); else one does.
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

    /**
     * A piece of the stream on its way from the reader to a writer: a pooled chunk filled to {@code length};
     * the last piece of a batch ({@code last}) carries the batch's rows and the key of its last row.
     */
    private record Piece(byte[] chunk, int length, boolean last, int rows, String lastKey) { }

    private static final Piece END = new Piece(new byte[0], 0, false, 0, null);
    /** Tuples travel in 1 MiB chunks from a fixed pool: memory stays flat, whatever the batch and row sizes. */
    private static final int CHUNK = 1 << 20;
    /** Chunks per writer, plus as many for the reader to work ahead: a batch is at most 16 MiB. */
    private static final int CHUNKS_PER_WRITER = 16;
    /** Target sessions with a batch open at once (see {@link #writers}). */
    private static final int MAX_WRITERS = 3;
    /**
     * Of which at most this many load at once: a writer whose batch is loaded, waiting for the batch before to
     * commit, lets a third one load the next batch meanwhile (the later of two batches loaded at once is the
     * quicker, its keys going to the right edge of the index, so it would otherwise wait idle); three loading at
     * once on two cores was slower than two.
     */
    private static final int LOADING = 2;

    long run(Optional<Checkpoint> from) throws SQLException, InterruptedException {
        long before = from.map(Checkpoint::rows).orElse(0L);
        List<Connection> open = new java.util.ArrayList<>();
        try {
            Connection src = context.connection(spec.source().datasource());
            open.add(src);
            Connection tgt = context.connection(spec.target().datasource());
            open.add(tgt);
            int writers = writers(src, tgt);
            for (int i = 1; i < writers; i++) {
                open.add(context.connection(spec.target().datasource()));
            }
            JdbcCopy.Pace pace = new JdbcCopy.Pace(spec.maxRowsPerSecond(), context,
                    JdbcCopy.expectedRows(src, Engine.POSTGRESQL, spec, before));
            src.setAutoCommit(false);
            if (spec.lockSource()) {
                try (Statement lock = src.createStatement()) {
                    lock.execute(Dialect.lock(Engine.POSTGRESQL, spec.source().table().orElseThrow()));
                }
            }
            String copyOut = "COPY (" + select(from.map(Checkpoint::position)) + ") TO STDOUT (FORMAT binary)";
            String copyIn = "COPY " + spec.target().table().orElseThrow() + " (" + String.join(", ", plan.targetColumns())
                    + ") FROM STDIN (FORMAT binary)";
            int chunks = CHUNKS_PER_WRITER * (writers + 1);
            BlockingQueue<byte[]> pool = new ArrayBlockingQueue<>(chunks);
            for (int i = 0; i < chunks; i++) {
                pool.add(new byte[CHUNK]);
            }
            List<BlockingQueue<Piece>> queues = new java.util.ArrayList<>();
            for (int i = 0; i < writers; i++) {
                queues.add(new ArrayBlockingQueue<>(chunks + 1));
            }
            Turns turns = new Turns(before, pace);
            Reader reader = new Reader(src.unwrap(PGConnection.class), copyOut, queues, pool, turns);
            Thread readerThread = new Thread(reader, "cutover-copy-reader");
            readerThread.setDaemon(true);
            List<Writer> all = new java.util.ArrayList<>();
            for (int i = 0; i < writers; i++) {
                Connection c = open.get(1 + i);
                c.setAutoCommit(false);
                all.add(new Writer(i, writers, c, copyIn, queues.get(i), pool, turns, readerThread));
            }
            List<Thread> threads = new java.util.ArrayList<>();
            readerThread.start();
            try {
                for (int i = 1; i < writers; i++) {
                    Thread t = new Thread(all.get(i), "cutover-copy-writer-" + i);
                    t.setDaemon(true);
                    t.start();
                    threads.add(t);
                }
                all.get(0).run(); // the first writer in the task's own thread, which the engine may interrupt
                for (Thread t : threads) {
                    t.join();
                }
            } finally {
                if (turns.failure() != null || !threads.stream().allMatch(t -> !t.isAlive())) {
                    turns.fail(new InterruptedException("the copy is stopping"));
                }
                reader.stop = true;
                readerThread.interrupt();
                for (Thread t : threads) {
                    t.join(10_000);
                }
                readerThread.join(10_000);
            }
            Throwable failure = turns.failure();
            if (failure == null && reader.failure != null) {
                failure = reader.failure;
            }
            if (failure instanceof SQLException e) {
                throw e;
            } else if (failure instanceof InterruptedException e) {
                throw e;
            } else if (failure instanceof RuntimeException e) {
                throw e;
            } else if (failure instanceof Error e) {
                throw e;
            } else if (failure != null) {
                throw new SQLException(failure);
            }
            src.commit();
            return turns.rows;
        } finally {
            for (Connection c : open) {
                try {
                    c.close(); // back to the pool, which rolls back a batch that was not committed
                } catch (SQLException ignored) {
                    // the pool drops a broken connection; the copy's own outcome is what counts
                }
            }
        }
    }

    /**
     * How many target sessions take batches in turn: {@link #MAX_WRITERS}, {@link #LOADING} of them loading at once,
     * so that the target's COPY work (parsing, heap and index inserts, WAL) runs on two server processes instead of
     * one, when nothing about the table can make two
     * open batches wait on each other (a batch waiting on a later one's lock while that one waits for its turn to
     * commit would never end): the key is one integer or uuid column with a unique index in the source (so two
     * batches never hold the same key), the target has no unique index but on that key, it is a plain table with
     * no foreign key (a row may refer to one in the batch before, not committed yet) and no trigger, there is no
     * throttle, and the pools have the connections. Commits stay in batch order (see {@link Turns}), so a resumed
     * copy still finds every batch before its checkpoint and none after.
     */
    private int writers(Connection src, Connection tgt) {
        if (spec.maxRowsPerSecond() > 0 || plan.key().size() != 1 || spec.source().table().isEmpty()) {
            return 1;
        }
        // The copy holds the source's connection and one per writer, and no other while it runs.
        int needed = MAX_WRITERS + (spec.source().datasource().equals(spec.target().datasource()) ? 1 : 0);
        if (context.plan().datasources().get(spec.target().datasource()).poolSize() < needed) {
            return 1;
        }
        try {
            return batchesCannotWaitOnEachOther(src, spec.source().table().get(), plan.key().get(0), plan.keyTypes().get(0),
                    tgt, spec.target().table().orElseThrow(), plan.targetColumns().get(keyField(plan, 0))) ? MAX_WRITERS : 1;
        } catch (SQLException e) {
            return 1; // one writer is always right
        }
    }

    /**
     * True when two batches of a copy from {@code sourceTable} to {@code targetTable} by the one-column key can be
     * open at once without either waiting on the other's locks (see {@link #writers}).
     */
    static boolean batchesCannotWaitOnEachOther(Connection src, String sourceTable, String sourceKey, String keyType,
                                               Connection tgt, String targetTable, String targetKey) throws SQLException {
        if (!Set.of("int2", "int4", "int8", "uuid").contains(keyType.toLowerCase(Locale.ROOT))
                || !uniqueIndexesOn(src, sourceTable, sourceKey, false) || !uniqueIndexesOn(tgt, targetTable, targetKey, true)) {
            return false;
        }
        try (java.sql.PreparedStatement ps = tgt.prepareStatement("SELECT c.relkind = 'r'"
                + " AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = c.oid AND contype IN ('f', 'x'))"
                + " AND NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = c.oid AND NOT tgisinternal)"
                + " FROM pg_class c WHERE c.oid = to_regclass(?)")) {
            ps.setString(1, targetTable);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /**
     * Whether {@code table}'s unique indexes are on exactly {@code column} (no expression, no predicate): with
     * {@code all}, true when every unique or exclusion index is (none at all is fine); else true when one is.
     */
    private static boolean uniqueIndexesOn(Connection c, String table, String column, boolean all) throws SQLException {
        boolean any = false;
        try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT i.indisunique AND i.indexprs IS NULL AND i.indpred IS NULL"
                + " AND i.indnkeyatts = 1 AND lower(a.attname) = lower(?)"
                + " FROM pg_index i LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]"
                + " WHERE i.indrelid = to_regclass(?) AND (i.indisunique OR i.indisexclusion)")) {
            ps.setString(1, column.startsWith("\"") ? column.substring(1, column.length() - 1) : column);
            ps.setString(2, table);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getBoolean(1)) {
                        any = true;
                    } else if (all) {
                        return false;
                    }
                }
            }
        }
        return all || any;
    }

    /**
     * The order of the commits: batch {@code n} commits only after batch {@code n - 1} has, so that the target
     * always holds a prefix of the batches and the checkpoint of the last one. The first failure stops everyone.
     */
    private static final class Turns {
        private final JdbcCopy.Pace pace;
        /** Permits to load a batch: see {@link #LOADING}. */
        private final java.util.concurrent.Semaphore loading = new java.util.concurrent.Semaphore(LOADING);
        private long next; // guarded by this
        private volatile Throwable failure;
        /** Rows copied in all; read and written only by the writer whose turn it is. */
        long rows;

        Turns(long rows, JdbcCopy.Pace pace) {
            this.rows = rows;
            this.pace = pace;
        }

        /** Waits for batch {@code n}'s turn; false when the copy has failed meanwhile. */
        synchronized boolean await(long n) throws InterruptedException {
            while (next != n && failure == null) {
                wait(1000);
            }
            return failure == null;
        }

        synchronized void advance() {
            next++;
            notifyAll();
        }

        synchronized void fail(Throwable e) {
            if (failure == null) {
                failure = e;
            }
            notifyAll();
        }

        Throwable failure() {
            return failure;
        }
    }

    /** Loads batches {@code index}, {@code index + writers}, ... into the target, each with its checkpoint. */
    private final class Writer implements Runnable {
        private final int index;
        private final int writers;
        private final Connection connection;
        private final String sql;
        private final BlockingQueue<Piece> queue;
        private final BlockingQueue<byte[]> pool;
        private final Turns turns;
        private final Thread reader;

        Writer(int index, int writers, Connection connection, String sql, BlockingQueue<Piece> queue, BlockingQueue<byte[]> pool,
               Turns turns, Thread reader) {
            this.index = index;
            this.writers = writers;
            this.connection = connection;
            this.sql = sql;
            this.queue = queue;
            this.pool = pool;
            this.turns = turns;
            this.reader = reader;
        }

        @Override
        public void run() {
            CopyIn in = null;
            boolean loading = false;
            try {
                CopyManager copies = connection.unwrap(PGConnection.class).getCopyAPI();
                long batch = index;
                // Each piece goes into the target as soon as the reader has filled it: the target's COPY runs while
                // the source is still being read, and a batch never waits in memory for its last row.
                while (turns.failure() == null) {
                    Piece piece = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (piece == null) {
                        if (!reader.isAlive() && queue.isEmpty()) {
                            turns.fail(new SQLException("the source COPY stream stopped before its end"));
                        }
                        continue;
                    }
                    if (piece == END) {
                        break;
                    }
                    if (in == null) {
                        while (!turns.loading.tryAcquire(200, TimeUnit.MILLISECONDS)) {
                            if (turns.failure() != null) {
                                return;
                            }
                        }
                        loading = true;
                        in = copies.copyIn(sql);
                        in.writeToCopy(HEADER, 0, HEADER.length);
                    }
                    if (piece.length() > 0) {
                        in.writeToCopy(piece.chunk(), 0, piece.length());
                    }
                    pool.put(piece.chunk());
                    if (piece.last()) {
                        in.writeToCopy(TRAILER, 0, TRAILER.length);
                        in.endCopy();
                        in = null;
                        turns.loading.release();
                        loading = false;
                        if (!turns.await(batch)) {
                            break; // another batch failed: this one is not committed (the pool rolls it back)
                        }
                        turns.rows += piece.rows();
                        context.commitBatch(connection, new Checkpoint(piece.lastKey(), turns.rows));
                        turns.pace.after(turns.rows, piece.rows());
                        if (context.isStopping()) {
                            throw new InterruptedException("the run is stopping");
                        }
                        turns.advance();
                        batch += writers;
                    }
                }
            } catch (Throwable e) {
                turns.fail(e);
            } finally {
                if (loading) {
                    turns.loading.release();
                }
                if (in != null && in.isActive()) {
                    try {
                        in.cancelCopy(); // the batch's rows are not committed; the transaction rolls back
                    } catch (SQLException ignored) {
                        // the connection is going back to the pool, which rolls it back or drops it
                    }
                }
            }
        }
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

    /**
     * Reads the source's COPY stream and cuts it into pieces and batches at row boundaries. It parses no value:
     * only each row's field lengths (to find where the row ends) and where its key fields are, and passes the
     * row's bytes through untouched. The stream arrives as the driver's CopyData messages (one a row, from
     * PostgreSQL); a row that spans messages is joined first.
     */
    private final class Reader implements Runnable {
        private final PGConnection connection;
        private final String sql;
        private final List<BlockingQueue<Piece>> queues;
        private final BlockingQueue<byte[]> pool;
        private final Turns turns;
        /** The queue of the batch being cut: batch n goes to writer n % writers. */
        private BlockingQueue<Piece> queue;
        private long batches;
        private volatile SQLException failure;
        private volatile boolean stop;
        private CopyOut out;
        /** The bytes being parsed: {@code buf[pos, lim)}. Never written once filled, so a row's key can stay in it. */
        private byte[] buf = new byte[0];
        private int pos;
        private int lim;
        private byte[] chunk;
        private int used;

        Reader(PGConnection connection, String sql, List<BlockingQueue<Piece>> queues, BlockingQueue<byte[]> pool, Turns turns) {
            this.connection = connection;
            this.sql = sql;
            this.queues = queues;
            this.queue = queues.get(0);
            this.pool = pool;
            this.turns = turns;
        }

        @Override
        public void run() {
            try {
                out = connection.getCopyAPI().copyOut(sql);
                while (lim - pos < 19) {
                    more();
                }
                for (int i = 0; i < 11; i++) {
                    if (buf[pos + i] != HEADER[i]) {
                        throw new SQLException("the source COPY stream does not start with the binary COPY signature");
                    }
                }
                int extension = intAt(buf, pos + 15);
                pos += 19;
                while (lim - pos < extension) {
                    more();
                }
                pos += extension;
                int width = plan.targetColumns().size();
                int keys = plan.key().size();
                int[] keyOf = new int[width]; // field -> key part, or -1
                java.util.Arrays.fill(keyOf, -1);
                for (int k = 0; k < keys; k++) {
                    keyOf[keyField(plan, k)] = k;
                }
                int[] keyAt = new int[keys];
                int[] keyLength = new int[keys];
                byte[] keyIn = null; // the buffer that holds the last row's key fields
                chunk = pool.take();
                int rows = 0;
                long bytes = 0;
                while (!stop && turns.failure() == null) {
                    if (pos == lim && !next()) {
                        throw new SQLException("the source COPY stream ended without its trailer");
                    }
                    // The row at pos: 2 bytes of field count, then each field's 4-byte length (-1: NULL) and bytes.
                    byte[] b = buf;
                    int p = pos;
                    int end = -1;
                    if (lim - p >= 2) {
                        int fields = (short) (((b[p] & 0xff) << 8) | (b[p + 1] & 0xff));
                        if (fields == -1) {
                            break; // the trailer
                        }
                        if (fields != width) {
                            throw new SQLException("the COPY stream has " + fields + " fields per row, expected " + width);
                        }
                        p += 2;
                        int f = 0;
                        for (; f < fields; f++) {
                            if (lim - p < 4) {
                                break;
                            }
                            int length = intAt(b, p);
                            p += 4;
                            int k = keyOf[f];
                            if (k >= 0) {
                                keyAt[k] = p;
                                keyLength[k] = length;
                            }
                            if (length > 0) {
                                if (lim - p < length) {
                                    break;
                                }
                                p += length;
                            } else if (length < -1) {
                                throw new SQLException("the COPY stream has a field of length " + length);
                            }
                        }
                        if (f == fields) {
                            end = p;
                        }
                    }
                    if (end < 0) {
                        more(); // the row goes on in the next message
                        continue;
                    }
                    keyIn = b;
                    append(b, pos, end - pos);
                    bytes += end - pos;
                    pos = end;
                    rows++;
                    if (rows == spec.batchSize() || bytes >= MAX_BATCH_BYTES) {
                        ship(rows, position(keyIn, keyAt, keyLength));
                        rows = 0;
                        bytes = 0;
                    }
                }
                if (stop || turns.failure() != null) {
                    return;
                }
                if (rows > 0) {
                    ship(rows, position(keyIn, keyAt, keyLength));
                }
                while (out.readFromCopy() != null) {
                    // the end of the COPY after its trailer
                }
                for (BlockingQueue<Piece> q : queues) {
                    q.put(END);
                }
            } catch (SQLException e) {
                failure = e;
                turns.fail(e);
            } catch (RuntimeException e) {
                failure = new SQLException("reading the source COPY stream: " + e, e);
                turns.fail(failure);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                if (out != null && out.isActive()) {
                    try {
                        out.cancelCopy();
                    } catch (SQLException ignored) {
                        // the connection is going back to the pool, which drops a broken one
                    }
                }
            }
        }

        /** The next CopyData message as the bytes to parse; false at the end of the stream. */
        private boolean next() throws SQLException {
            byte[] message = out.readFromCopy();
            if (message == null) {
                return false;
            }
            buf = message;
            pos = 0;
            lim = message.length;
            return true;
        }

        /** Joins the next message to what is left of this one (in a new array: the old one may hold a key). */
        private void more() throws SQLException {
            byte[] message = out.readFromCopy();
            if (message == null) {
                throw new SQLException("the source COPY stream ended in the middle of a row");
            }
            int rest = lim - pos;
            byte[] joined = new byte[rest + message.length];
            System.arraycopy(buf, pos, joined, 0, rest);
            System.arraycopy(message, 0, joined, rest, message.length);
            buf = joined;
            pos = 0;
            lim = joined.length;
        }

        private void append(byte[] bytes, int from, int length) throws InterruptedException {
            while (length > 0) {
                if (used == CHUNK) {
                    queue.put(new Piece(chunk, used, false, 0, null));
                    chunk = pool.take();
                    used = 0;
                }
                int n = Math.min(length, CHUNK - used);
                System.arraycopy(bytes, from, chunk, used, n);
                used += n;
                from += n;
                length -= n;
            }
        }

        private void ship(int rows, String lastKey) throws InterruptedException {
            queue.put(new Piece(chunk, used, true, rows, lastKey));
            batches++;
            queue = queues.get((int) (batches % queues.size()));
            chunk = pool.take();
            used = 0;
        }

        private String position(byte[] in, int[] at, int[] length) {
            String[] key = new String[at.length];
            for (int k = 0; k < key.length; k++) {
                key[k] = length[k] < 0 ? null : decode(java.util.Arrays.copyOfRange(in, at[k], at[k] + length[k]),
                        plan.keyTypes().get(k).toLowerCase(Locale.ROOT));
            }
            return JdbcCopy.position(key);
        }
    }

    private static int intAt(byte[] b, int p) {
        return ((b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
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
