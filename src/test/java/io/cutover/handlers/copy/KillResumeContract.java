package io.cutover.handlers.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.engine.ChildRun;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A copy of a million rows killed with SIGKILL at random moments, resumed, killed again, and
 * resumed to the end, into a target table with no unique key (a row copied twice would stay):
 * every trial ends with exit 0, the source's content exactly once (count = count distinct id =
 * 1,000,000, and equal content digests), the row count never goes back on a resume, and after
 * every kill the target holds exactly the rows its checkpoint says (a batch and its checkpoint
 * commit together). Real child JVMs; the source is built once; each trial starts from an empty
 * target, no journal tables, and a fresh state store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class KillResumeContract {
    static final long ROWS = 1_000_000;
    static final int TRIALS = 20;
    static final int BATCH = 20_000;
    private static final String PLAN = "kill-resume";

    /** A fresh, empty target database. */
    protected abstract Database freshTarget();

    /** The source database's name, unique per subclass. */
    protected abstract String sourceName();

    /** CREATE TABLE events on the target, with no primary key and no unique index. */
    protected abstract String targetTable();

    private Database src;
    private Database dst;
    private Digest source;
    @TempDir
    Path dir;

    @BeforeAll
    void millionRows() throws Exception {
        src = Database.millionEvents(sourceName());
        dst = freshTarget();
        dst.exec(targetTable());
        source = Digest.of(src);
        assertEquals(ROWS, source.rows());
    }

    @AfterAll
    void dropDatabases() throws Exception {
        src.drop();
        dst.drop();
    }

    @Test
    void killedAtRandomMomentsTheCopyEndsWithEveryRowExactlyOnce() throws Exception {
        Path planFile = Files.writeString(dir.resolve("plan.yaml"), plan());
        Timing timing = uninterruptedRun(planFile);
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<String> report = new ArrayList<>(List.of("random seed " + seed));
        int kills = 0;
        int midway = 0;
        int trials = Integer.getInteger("cutover.kill.trials", trials());
        for (int trial = 1; trial <= trials; trial++) {
            Path work = reset("trial" + trial);
            String[] run = run(work, planFile);
            long before = 0;
            StringBuilder line = new StringBuilder("trial " + trial + ":");
            for (int attempt = 1; attempt <= 2; attempt++) {
                ChildRun child = ChildRun.start(work, "attempt" + attempt, run);
                String moment = awaitRandomMoment(child, before, timing, random);
                boolean finished = !child.isAlive();
                child.kill();
                Snapshot after = snapshot();
                long rows = after.rows();
                kills++;
                if (rows > 0 && rows < ROWS) {
                    midway++;
                }
                line.append(" killed ").append(moment).append(" at ").append(rows).append(" rows")
                        .append(finished ? " (had exited)" : "").append(';');
                assertTrue(rows >= before, "trial " + trial + ": the rows went back from " + before + " to " + rows
                        + ": the copy restarted instead of resuming\n" + child.output());
                after.assertConsistent("trial " + trial + ", kill " + attempt + ":\n" + child.output());
                before = rows;
            }
            long lastStart = System.nanoTime();
            ChildRun last = ChildRun.start(work, "last", run);
            int code = last.await(300);
            assertEquals(0, code, "trial " + trial + ": the last run failed:\n" + last.output());
            long checkStart = System.nanoTime();
            assertExactlyOnce("trial " + trial);
            line.append(" last run ").append((checkStart - lastStart) / 1_000_000).append(" ms, checked in ")
                    .append((System.nanoTime() - checkStart) / 1_000_000).append(" ms");
            report.add(line.toString());
        }
        System.out.println(getClass().getSimpleName() + ": " + midway + " of " + kills + " kills mid-copy\n" + String.join("\n", report));
        assertTrue(midway * 4 >= kills, "at least a quarter of the kills land in the middle of the copy: " + midway + " of "
                + kills + "\n" + String.join("\n", report));
    }

    /** How many kill-and-resume trials (the system property {@code cutover.kill.trials} overrides it). */
    protected int trials() {
        return TRIALS;
    }

    /**
     * Waits for a random moment of the child's work, chosen so that most land mid-copy whatever the
     * machine's speed: one in ten during start-up (before the first batch can commit), three in
     * four once the checkpoint has passed a random row count (then a random jitter of up to two
     * batches and within what is left of the copy, so that the kill is not tied to a commit), the rest after the last batch (the
     * checks, the journal). Returns the moment, in words.
     */
    private String awaitRandomMoment(ChildRun child, long before, Timing timing, Random random) throws Exception {
        long started = System.nanoTime();
        double u = random.nextDouble();
        if (u < 0.10) {
            long delay = (long) (random.nextDouble() * timing.startMillis());
            Thread.sleep(delay);
            return "after " + delay + " ms";
        }
        long target = u < 0.85 ? before + 1 + (long) (random.nextDouble() * (ROWS - before - 1)) : ROWS;
        while (child.isAlive() && checkpointRows() < target && System.nanoTime() - started < 300_000_000_000L) {
            Thread.sleep(10);
        }
        // Mid-copy, the jitter stays inside what is left of the copy (a fast copy of a million rows takes about a second,
        // and a jitter of two batches near its end would land after it): up to two batches, at most most of what is left.
        long left = (ROWS - target) * timing.batchMillis() / BATCH;
        long jitter = random.nextInt((int) (u < 0.85 ? Math.min(2 * timing.batchMillis(), left * 8 / 10) : 1500) + 1);
        Thread.sleep(jitter);
        return "after " + (System.nanoTime() - started) / 1_000_000 + " ms (" + (target == ROWS ? "all" : target)
                + " rows checkpointed + " + jitter + " ms)";
    }

    /** The rows the copy's checkpoint counts (0 before the first batch, ROWS once the task is recorded). */
    private long checkpointRows() throws Exception {
        if (!dst.hasTable("cutover_copy_checkpoint")) {
            return 0;
        }
        Optional<String> rows = dst.text("SELECT rows_copied FROM cutover_copy_checkpoint WHERE plan = '" + PLAN + "'");
        if (rows.isPresent()) {
            return Long.parseLong(rows.get());
        }
        return dst.hasTable("cutover_history") && dst.number("SELECT count(*) FROM cutover_history WHERE task_id = 'copy-events'") == 1
                ? ROWS : 0;
    }

    /** One uninterrupted run, watched: when a child commits its first batch, and how long a batch takes. */
    private Timing uninterruptedRun(Path planFile) throws Exception {
        Path work = reset("uninterrupted");
        long start = System.nanoTime();
        ChildRun child = ChildRun.start(work, "uninterrupted", run(work, planFile));
        long first = -1;
        long all = -1;
        while (child.isAlive() && all < 0) {
            long rows = checkpointRows();
            long now = (System.nanoTime() - start) / 1_000_000;
            first = rows > 0 && first < 0 ? now : first;
            all = rows == ROWS ? now : all;
            Thread.sleep(10);
        }
        assertEquals(0, child.await(300), child.output());
        long total = (System.nanoTime() - start) / 1_000_000;
        assertExactlyOnce("the uninterrupted run");
        first = first < 0 ? total / 2 : first;
        Timing timing = new Timing(first, Math.max(10, ((all < 0 ? total : all) - first) / (ROWS / BATCH)));
        System.out.println(getClass().getSimpleName() + ": an uninterrupted run exits after " + total + " ms; " + timing);
        return timing;
    }

    /** When a child commits its first batch, and how long one batch takes. */
    private record Timing(long startMillis, long batchMillis) {
        @Override
        public String toString() {
            return "first batch after " + startMillis + " ms, then one every " + batchMillis + " ms";
        }
    }

    /** Empties the target and its journal tables; a fresh folder and state store for the next runs. */
    private Path reset(String name) throws Exception {
        dst.exec("TRUNCATE TABLE events", "DROP TABLE IF EXISTS cutover_copy_checkpoint", "DROP TABLE IF EXISTS cutover_history");
        return Files.createDirectories(dir.resolve(name));
    }

    private static String[] run(Path work, Path planFile) {
        return new String[] {"run", "--ignore-window", "--state", "jdbc:h2:file:" + work.resolve("state/cutover"), planFile.toString()};
    }

    /** The target's rows, its checkpoint and its history row, read in one snapshot. */
    private Snapshot snapshot() throws Exception {
        boolean checkpoints = dst.hasTable("cutover_copy_checkpoint");
        boolean history = dst.hasTable("cutover_history");
        try (Connection c = dst.connect()) {
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                long rows = value(s, "SELECT count(*) FROM events").orElse(0L);
                Optional<Long> checkpoint = checkpoints
                        ? value(s, "SELECT rows_copied FROM cutover_copy_checkpoint WHERE plan = '" + PLAN + "'") : Optional.empty();
                boolean recorded = history && value(s, "SELECT count(*) FROM cutover_history WHERE task_id = 'copy-events'").orElse(0L) == 1;
                c.commit();
                return new Snapshot(rows, checkpoint, recorded);
            }
        }
    }

    private static Optional<Long> value(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
        }
    }

    /** What a kill left behind. */
    private record Snapshot(long rows, Optional<Long> checkpoint, boolean recorded) {
        /** The committed rows are exactly those the checkpoint counts (or none yet, or all of them once recorded). */
        void assertConsistent(String context) {
            if (checkpoint.isPresent()) {
                assertEquals(checkpoint.get(), rows, "the target holds the rows its checkpoint counts; " + context);
            } else {
                assertTrue(rows == 0 || rows == ROWS && recorded, "no checkpoint: nothing copied yet, or all of it and recorded; "
                        + rows + " rows, recorded " + recorded + "; " + context);
            }
        }
    }

    private void assertExactlyOnce(String when) throws Exception {
        assertEquals(ROWS, dst.count("events"), when + ": rows");
        assertEquals(ROWS, dst.number("SELECT count(DISTINCT id) FROM events"), when + ": distinct ids");
        assertEquals(source, Digest.of(dst), when + ": content digest");
    }

    private String plan() {
        return """
                cutover: 1
                name: %s
                datasources:
                  src: %s
                  dst: %s
                phases:
                  - id: data
                    tasks:
                      - id: copy-events
                        type: copy
                        source: {datasource: src, table: events}
                        target: {datasource: dst, table: events}
                        key: [id]
                        batch_size: %d
                        checks: [row_count]
                        down: truncate
                """.formatted(PLAN, src.yaml(), dst.yaml(), BATCH);
    }

    /**
     * The content of {@code events} whatever the row order: the row count and the sum (mod 2^64)
     * of each row's MD5, over values read the same way on every engine (amounts as written, times
     * as UTC instants, NULL apart from any text).
     */
    record Digest(long rows, long high, long low) {
        static Digest of(Database db) throws Exception {
            long rows = 0;
            long high = 0;
            long low = 0;
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            try (Connection c = db.connect(); Statement s = db.streaming(c);
                 ResultSet rs = s.executeQuery("SELECT id, kind, amount, note, " + db.instantSql("happened_at") + " FROM events")) {
                while (rs.next()) {
                    BigDecimal amount = rs.getBigDecimal(3);
                    String note = rs.getString(4);
                    Instant at = db.readInstant(rs, 5);
                    String row = rs.getLong(1) + "|" + rs.getString(2) + "|" + (amount == null ? "\u0000" : amount.toPlainString())
                            + "|" + (note == null ? "\u0000" : note) + "|" + at;
                    byte[] h = md5.digest(row.getBytes(StandardCharsets.UTF_8));
                    high += java.nio.ByteBuffer.wrap(h, 0, 8).getLong();
                    low += java.nio.ByteBuffer.wrap(h, 8, 8).getLong();
                    rows++;
                }
                c.commit();
            }
            return new Digest(rows, high, low);
        }
    }
}
