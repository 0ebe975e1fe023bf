package io.cutover.journal;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The journal of runs: runs, task executions, events, locks and approvals, in an H2 file database
 * (the default, under {@code ./.cutover/}) or PostgreSQL (for teams). Several processes share one
 * store: an H2 file URL is always opened in H2's mixed mode ({@code AUTO_SERVER=TRUE}, with a socket
 * file lock so that a killed process's lock is seen as stale quickly). A process that reaches the store through
 * another's server (two runs of different plans at once) opens it again when that process ends ({@link #call}). The
 * store's own schema is versioned ({@code cutover_state_version}) and upgraded in place.
 */
public final class StateStore implements AutoCloseable {
    /**
     * The schema versions this build knows, oldest first; each is a resource beside this class. A version may have a
     * script of its own for an engine ({@code V2__name.h2.sql} beside {@code V2__name.sql}), used instead there.
     */
    private static final List<String> MIGRATIONS = List.of("V1__state_store.sql", "V2__event_ids.sql");
    /** The default store: an H2 file in ./.cutover/. */
    public static final String DEFAULT_URL = "jdbc:h2:file:./.cutover/state";

    private final String url;
    /** Under the store's lock; replaced when the process that served this store to us went away ({@link #call}). */
    private Connection connection;
    /** Whether {@link #connection} goes through another process's server (H2's mixed mode). */
    private boolean remote;
    private final Clock clock;

    private StateStore(String url, Connection connection, Clock clock) throws SQLException {
        this.url = url;
        this.connection = connection;
        this.clock = clock;
        this.remote = servedByAnother(url, connection);
    }

    /** Opens (and creates or upgrades) the store at {@code url}; null or blank means the default. */
    public static StateStore open(String url, Clock clock) {
        return open(url, clock, 0);
    }

    /**
     * Like {@link #open}, for a run or a rollback, which write to the store for a long time: on an embedded H2 store
     * that another process serves at this moment (a {@code status} of a watch loop, say), it waits a little for that
     * process to go and opens the store itself. A client's connection breaks when its server's process exits, and
     * H2's reconnect can then meet the same lock race as an open, in the middle of a run's journal write. When the
     * store is still served by another after {@value #OWNER_WAIT_MILLIS} ms (a long run of another plan), the run
     * goes on as its client.
     */
    public static StateStore openForRun(String url, Clock clock) {
        return open(url, clock, OWNER_WAIT_MILLIS);
    }

    /** How long a run waits for a short-lived process that serves the embedded store to go. */
    static final long OWNER_WAIT_MILLIS = 2_000;

    private static StateStore open(String url, Clock clock, long ownerWaitMillis) {
        String effective = normalize(url == null || url.isBlank() ? DEFAULT_URL : url);
        long until = System.nanoTime() + LOCK_RACE_MILLIS * 1_000_000;
        long ownerUntil = System.nanoTime() + ownerWaitMillis * 1_000_000;
        long pause = 50;
        while (true) {
            Connection connection = null;
            try {
                prepareFolder(effective);
                connection = DriverManager.getConnection(effective, user(effective), "");
                if (System.nanoTime() < ownerUntil && servedByAnother(effective, connection)) {
                    connection.close();
                    sleep(pause, effective);
                    pause = Math.min(pause * 2, 200);
                    continue;
                }
                connection.setAutoCommit(true);
                StateStore store = new StateStore(effective, connection, clock);
                store.migrate();
                return store;
            } catch (SQLException e) {
                closeQuietly(connection);
                if (!lockRace(effective, e) || System.nanoTime() + pause * 1_000_000 > until) {
                    throw new CutoverException(ErrorCode.BAD_INPUT, "cannot open the state store " + redact(effective) + ": "
                            + e.getMessage() + " (set --state or CUTOVER_STATE_URL)", e);
                }
            }
            sleep(pause, effective);
            pause = Math.min(pause * 2, 500);
        }
    }

    private static void sleep(long pause, String url) {
        try {
            Thread.sleep(pause + java.util.concurrent.ThreadLocalRandom.current().nextLong(pause));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CutoverException(ErrorCode.FAILED, "interrupted while opening the state store " + redact(url), e);
        }
    }

    /** Whether this store is reached through another process's server (an embedded H2 store that process opened). */
    synchronized boolean servedByAnother() {
        try {
            return servedByAnother(url, connection);
        } catch (SQLException e) {
            throw storeError(e);
        }
    }

    /** Whether an embedded H2 store's connection goes through another process's server (H2's mixed mode). */
    static boolean servedByAnother(String url, Connection connection) throws SQLException {
        return embeddedH2(url) && connection.isWrapperFor(org.h2.jdbc.JdbcConnection.class)
                && connection.unwrap(org.h2.jdbc.JdbcConnection.class).getSession().isRemote();
    }

    /** How long {@link #open} tries again while other processes open and close an H2 store at the same moment. */
    private static final long LOCK_RACE_MILLIS = 15_000;

    /**
     * H2's errors of processes racing over one store file, which {@link #open} outlasts by trying again: a {@code status}
     * in a watch loop opens and closes the store every second, and a {@code run} starting meanwhile met a lock file
     * that was always "recently modified" (8000: H2 waits 4 s for it, then gives up), a store "already in use" (90020)
     * or the server of a holder that was just going away (90067). Opening writes nothing but the idempotent schema
     * set-up, so trying again is safe; any other error is reported at once.
     */
    static boolean lockRace(String url, SQLException e) {
        int code = e.getErrorCode();
        return embeddedH2(url) && (code == org.h2.api.ErrorCode.ERROR_OPENING_DATABASE_1
                || code == org.h2.api.ErrorCode.DATABASE_ALREADY_OPEN_1 || code == org.h2.api.ErrorCode.CONNECTION_BROKEN_1);
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // it was broken already
            }
        }
    }

    /** Whether the URL is an H2 file store opened in this process (not in memory, not a server's): H2's mixed mode. */
    static boolean embeddedH2(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("jdbc:h2:file:") || lower.startsWith("jdbc:h2:") && !lower.startsWith("jdbc:h2:mem:")
                && !lower.startsWith("jdbc:h2:tcp:") && !lower.startsWith("jdbc:h2:ssl:");
    }

    /** An H2 file URL gets AUTO_SERVER=TRUE so that several cutover processes share it (cli.md). */
    static String normalize(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        boolean h2File = embeddedH2(url);
        String out = url;
        if (h2File && !lower.contains("auto_server=")) {
            out += ";AUTO_SERVER=TRUE";
        }
        // A socket lock tells a killed holder from a live one in about a second; the default file lock takes several.
        if (h2File && !lower.contains("file_lock=")) {
            out += ";FILE_LOCK=SOCKET";
        }
        // H2 writes a commit to its file up to half a second later by default: a kill -9 in between lost it, and with it
        // the record that a task had started. WRITE_DELAY=0 hands every commit to the OS before the statement returns.
        if (h2File && !lower.contains("write_delay=")) {
            out += ";WRITE_DELAY=0";
        }
        // H2 compacts its file for up to 200 ms as the last connection closes: 25-30 ms at the end of every command
        // on a store of a few runs (measured 2026-12-06). A small file is not worth it; once the file has grown past
        // COMPACT_ABOVE_BYTES, closes compact it again (without any compaction it grew by 1.2 MB per 1,000-task run).
        if (h2File && !lower.contains("max_compact_time=") && fileSize(url) < COMPACT_ABOVE_BYTES) {
            out += ";MAX_COMPACT_TIME=0";
        }
        return out;
    }

    /** The size of an embedded H2 store's file above which its closes compact it. */
    static final long COMPACT_ABOVE_BYTES = 8L << 20;

    /** The size of an embedded H2 store's file, 0 when it does not exist yet (or cannot be told). */
    static long fileSize(String url) {
        try {
            return Files.size(Path.of(h2FilePath(url) + ".mv.db"));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** An embedded H2 store's path without H2's file suffix, {@code ~} as H2 reads it: the user's home folder. */
    private static String h2FilePath(String url) {
        String path = url.substring(url.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:file:") ? "jdbc:h2:file:".length()
                : "jdbc:h2:".length()).split(";", 2)[0];
        return path.startsWith("~") ? System.getProperty("user.home") + path.substring(1) : path;
    }

    private static String user(String url) {
        return url.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:") ? "sa" : System.getenv().getOrDefault("PGUSER", "postgres");
    }

    private static void prepareFolder(String url) {
        if (url.startsWith("jdbc:h2:file:")) {
            Path parent = Path.of(h2FilePath(url)).toAbsolutePath().getParent();
            try {
                if (parent != null) {
                    Files.createDirectories(parent);
                }
            } catch (IOException e) {
                throw new CutoverException(ErrorCode.BAD_INPUT, "cannot create the state store folder " + parent + ": " + e.getMessage());
            }
        }
    }

    private static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    /** The URL as opened. */
    public String url() {
        return url;
    }

    private synchronized void migrate() throws SQLException {
        try (Statement s = connection.createStatement()) {
            try {
                s.execute("CREATE TABLE IF NOT EXISTS cutover_state_version (version INT PRIMARY KEY,"
                        + " applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
            } catch (SQLException e) {
                if (!isRaceLost(e)) {
                    throw e;
                }
            }
        }
        int current = 0;
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM cutover_state_version")) {
            rs.next();
            current = rs.getInt(1);
        }
        if (current > MIGRATIONS.size()) {
            throw new CutoverException(ErrorCode.BAD_INPUT, "the state store " + redact(url) + " is at version " + current
                    + ", newer than this cutover knows (" + MIGRATIONS.size() + "): upgrade cutover");
        }
        for (int v = current + 1; v <= MIGRATIONS.size(); v++) {
            apply(v, MIGRATIONS.get(v - 1));
        }
    }

    /**
     * One version. Its statements are idempotent ({@code IF NOT EXISTS}), because H2 commits each
     * DDL statement and two processes may open a new store at once; the version row is written
     * last, so whoever sees it sees the tables too.
     */
    private void apply(int version, String resource) throws SQLException {
        String own = resource.replace(".sql", (url.startsWith("jdbc:h2:") ? ".h2" : ".postgresql") + ".sql");
        String script = StateStore.class.getResource(own) != null ? resource(own) : resource(resource);
        try (Statement s = connection.createStatement()) {
            for (String statement : script.split(";\\s*\\n")) {
                String sql = statement.replaceAll("(?m)^--.*$", "").trim();
                if (!sql.isEmpty()) {
                    try {
                        s.execute(sql);
                    } catch (SQLException e) {
                        if (!isRaceLost(e)) {
                            throw e; // else a concurrent creator won the race between IF NOT EXISTS and CREATE
                        }
                    }
                }
            }
        }
        try (PreparedStatement claim = connection.prepareStatement(
                "INSERT INTO cutover_state_version (version, applied_at) VALUES (?, ?)")) {
            claim.setInt(1, version);
            claim.setObject(2, now());
            claim.executeUpdate();
        } catch (SQLException e) {
            if (!isUniqueViolation(e)) {
                throw e; // else another process recorded this version first
            }
        }
    }

    private static String resource(String name) {
        try (InputStream in = StateStore.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("missing state store migration " + name, e);
        }
    }

    /** Another process created the same object a moment before. */
    private static boolean isRaceLost(SQLException e) {
        return isUniqueViolation(e) || "42P07".equals(e.getSQLState())
                || String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("already exists");
    }

    static boolean isUniqueViolation(SQLException e) {
        String state = e.getSQLState();
        return "23505".equals(state) || "23000".equals(state) || state != null && state.startsWith("23");
    }

    OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** An event's time, to the microsecond the store keeps (so that a write made again finds it equal). */
    private OffsetDateTime eventTime() {
        return now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    // ---- runs ----

    /** Starts a run record. */
    public synchronized void insertRun(RunRecord run) {
        call(() -> update(insertInto("cutover_runs", "id, plan, plan_file, state, started_at, host, pid", "id")
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                run.id(), run.plan(), run.planFile(), run.state(), at(run.startedAt()), run.host(), run.pid()));
    }

    /** Sets a run's state; {@code ended} closes it. */
    public synchronized void setRunState(String runId, String state, boolean ended, String message) {
        call(() -> update("UPDATE cutover_runs SET state = ?, ended_at = ?, message = COALESCE(?, message) WHERE id = ?",
                state, ended ? now() : null, message, runId));
    }

    /** Records the trigger that fired, as JSON. */
    public synchronized void setRunTrigger(String runId, String triggerJson) {
        call(() -> update("UPDATE cutover_runs SET trigger_json = ? WHERE id = ?", triggerJson, runId));
    }

    /** A plan's runs, newest first. */
    public synchronized List<RunRecord> runs(String plan) {
        return call(() -> queryRuns("SELECT * FROM cutover_runs WHERE plan = ? ORDER BY started_at DESC, id DESC", plan));
    }

    /** Every run, newest first. */
    public synchronized List<RunRecord> allRuns() {
        return call(() -> queryRuns("SELECT * FROM cutover_runs ORDER BY started_at DESC, id DESC"));
    }

    /** One run. */
    public synchronized Optional<RunRecord> run(String runId) {
        return call(() -> queryRuns("SELECT * FROM cutover_runs WHERE id = ?", runId).stream().findFirst());
    }

    private List<RunRecord> queryRuns(String sql, Object... args) {
        List<RunRecord> out = new ArrayList<>();
        try (PreparedStatement ps = prepare(sql, args); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new RunRecord(rs.getString("id"), rs.getString("plan"), rs.getString("plan_file"),
                        rs.getString("state"), instant(rs, "started_at"), Optional.ofNullable(instant(rs, "ended_at")),
                        rs.getString("host"), rs.getLong("pid"), Optional.ofNullable(rs.getString("trigger_json")),
                        Optional.ofNullable(rs.getString("message"))));
            }
        } catch (SQLException e) {
            throw storeError(e);
        }
        return out;
    }

    // ---- task executions ----

    /** Inserts or replaces a task execution. */
    public synchronized void saveTask(TaskRecord t) {
        saveTask(t, null, null);
    }

    /**
     * Inserts or replaces a task execution and, when {@code eventKind} is not null, appends its event: one
     * transaction, so one write to the store's file (or one commit on PostgreSQL) per state change.
     */
    public synchronized void saveTask(TaskRecord t, String eventKind, String eventDetail) {
        OffsetDateTime at = eventTime(); // the same when the write is made again
        call(() -> inTransaction(() -> writeTask(t, eventKind, eventDetail, at)));
    }

    private static final String UPDATE_TASK = "UPDATE cutover_task_runs SET seq = ?, phase = ?, state = ?, rows_moved = ?,"
            + " checksum = ?, attempts = ?, started_at = ?, ended_at = ?, applied_seq = ?, message = ?"
            + " WHERE run_id = ? AND task_id = ? AND item = ?";
    private static final String INSERT_EVENT = "INSERT INTO cutover_events (run_id, occurred_at, kind, task_id, item, detail)"
            + " VALUES (?, ?, ?, ?, ?, ?)";
    /**
     * The event insert of an operation run again after the server went away ({@link #retrying}; H2 only): an event that the
     * lost commit recorded (the same run, time, kind, task, item and detail) is not recorded twice.
     */
    private static final String INSERT_EVENT_AGAIN = "INSERT INTO cutover_events (run_id, occurred_at, kind, task_id, item, detail)"
            + " SELECT ?1, ?2, ?3, ?4, ?5, ?6 FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM cutover_events WHERE run_id = ?1"
            + " AND occurred_at = ?2 AND kind = ?3 AND task_id IS NOT DISTINCT FROM ?4 AND item IS NOT DISTINCT FROM ?5"
            + " AND detail IS NOT DISTINCT FROM ?6)";

    private String insertEvent() {
        return retrying ? INSERT_EVENT_AGAIN : INSERT_EVENT;
    }

    /**
     * The start of an insert of rows that this process alone writes (a run and its tasks). Tried again after the server
     * went away ({@link #retrying}; H2 only), the insert may have been committed already with its answer lost: then it
     * writes the same values over the row that is there.
     */
    private String insertInto(String table, String columns, String key) {
        return retrying ? "MERGE INTO " + table + " (" + columns + ") KEY (" + key + ")" : "INSERT INTO " + table + " (" + columns + ")";
    }

    /** A task record's values in the order {@link #UPDATE_TASK} takes them. */
    private static Object[] taskValues(TaskRecord t) {
        return new Object[] {t.seq(), t.phase(), t.state(), t.rows(), t.checksum(), t.attempts(), at(t.startedAt()), at(t.endedAt()),
            t.appliedSeq(), t.message(), t.runId(), t.taskId(), t.item()};
    }

    private void writeTask(TaskRecord t, String eventKind, String eventDetail, OffsetDateTime at) {
        int changed = updateCount(UPDATE_TASK, taskValues(t));
        if (changed == 0) {
            insertTasks(List.of(t));
        }
        if (eventKind != null) {
            update(insertEvent(), t.runId(), at, eventKind, t.taskId(), t.item(), eventDetail == null ? null : truncate(eventDetail));
        }
    }

    /** A task write held back by {@link #saveTaskLater}. */
    private record Deferred(TaskRecord task, String eventKind, String eventDetail, OffsetDateTime at) { }

    /**
     * How long the writer waits for more before it writes; a system property lets the crash tests widen it. 300 ms, not
     * 50: a run of 1,000 small tasks writes its journal in about 14 transactions instead of 80, and its first tasks no
     * longer share two cores with the store's first, still interpreted, writes (bench/engine.sh, 2026-12-06: paired
     * median 1.14x the loop against 1.17x over 12 repetitions). {@code status} sees a task's lazily written state at
     * most this much later; what a kill can lose of it, a resumed run works out again (see {@link #saveTaskLater}).
     */
    private static final long LINGER_MILLIS = Long.getLong("cutover.journal.lingerMillis", 300);
    /**
     * The held-back writes, under their own lock: the run hands one over without waiting for the store, even while the
     * writer thread is writing the previous ones (the store's connection is under the store's lock, {@code this}).
     */
    private final Object queue = new Object();
    private final List<Deferred> deferred = new ArrayList<>();
    private final List<TaskRecord> deferredInserts = new ArrayList<>();
    private Thread writer;
    private volatile boolean closing;

    /**
     * Like {@link #saveTask(TaskRecord, String, String)}, but written a moment later by the store's writer thread, off
     * the caller's path, together with whatever else was held back (one transaction); any other use of the store
     * writes it first, so the order of writes is kept. For a state change a kill may lose without harm: one that a
     * resumed run works out again from the target's {@code cutover_history} (a task that recorded its work there) or
     * by running the task again (a task that changes nothing).
     */
    public void saveTaskLater(TaskRecord t, String eventKind, String eventDetail) {
        synchronized (queue) {
            deferred.add(new Deferred(t, eventKind, eventDetail, eventTime()));
            holdBack();
        }
    }

    /**
     * Like {@link #insertTasks}, but written a moment later by the store's writer thread (see {@link #saveTaskLater}):
     * for a run's pending tasks as it starts, which a resumed run plans again when a kill took them.
     */
    public void insertTasksLater(List<TaskRecord> tasks) {
        synchronized (queue) {
            deferredInserts.addAll(tasks);
            holdBack();
        }
    }

    /**
     * Under the queue's lock: wakes the writer when it waits for work (it is started on first use). While it lingers
     * over a first write it is not woken again: it takes whatever came in when the linger ends, and the run's thread
     * does not pay a wake-up (a system call, and a switch to the writer's thread on a small machine) twice a task.
     */
    private void holdBack() {
        if (writer == null) {
            writer = new Thread(this::writeHeldBack, "cutover-journal");
            writer.setDaemon(true);
            writer.start();
        }
        if (writerIdle) {
            writerIdle = false;
            queue.notifyAll();
        }
    }

    /** Under the queue's lock: whether the writer waits for work, so that the next write must wake it. */
    private boolean writerIdle;

    private void writeHeldBack() {
        while (!closing) {
            try {
                synchronized (queue) {
                    while (deferred.isEmpty() && deferredInserts.isEmpty() && !closing) {
                        writerIdle = true;
                        queue.wait();
                    }
                    writerIdle = false;
                    // What comes in meanwhile (a task's end, the next one's start...) goes in the same write; only the
                    // store's closing wakes the writer before the linger ends.
                    long until = System.nanoTime() + LINGER_MILLIS * 1_000_000;
                    for (long left = LINGER_MILLIS; left > 0 && !closing; left = (until - System.nanoTime()) / 1_000_000) {
                        queue.wait(left);
                    }
                }
                synchronized (this) {
                    call(this::flushDeferred);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // the next use of the store reports the store's trouble; what was held back is worked out again on resume
                org.slf4j.LoggerFactory.getLogger(StateStore.class).warn("journal write failed: {}", e.getMessage());
            }
        }
    }

    /**
     * Under the store's lock: writes what was held back, if anything (inside the caller's transaction when there is one).
     * Whoever holds the store's lock takes the whole queue, so writes reach the store in the order they were made.
     */
    private void flushDeferred() {
        List<TaskRecord> inserts;
        List<Deferred> batch;
        synchronized (queue) {
            if (deferred.isEmpty() && deferredInserts.isEmpty()) {
                return;
            }
            inserts = List.copyOf(deferredInserts);
            batch = List.copyOf(deferred);
            deferredInserts.clear();
            deferred.clear();
        }
        takenInserts.addAll(inserts);
        takenBatch.addAll(batch);
        inTransaction(() -> {
            insertTasks(inserts);
            writeBatch(batch);
        });
    }

    /**
     * Under the store's lock: the held-back writes that the current transaction took from the queue. When it rolls back
     * because the store's server went away, they go back to the front of the queue, and the operation's second try
     * ({@link #call}) writes them.
     */
    private final List<TaskRecord> takenInserts = new ArrayList<>();
    private final List<Deferred> takenBatch = new ArrayList<>();

    private void requeueTaken() {
        synchronized (queue) {
            deferredInserts.addAll(0, takenInserts);
            deferred.addAll(0, takenBatch);
        }
        takenInserts.clear();
        takenBatch.clear();
    }

    /**
     * Held-back writes in few statements: each task's last state once (a task's start and end often come in one batch),
     * and every state change's event, with the time it happened, in one batched insert.
     */
    private void writeBatch(List<Deferred> batch) {
        Map<List<String>, TaskRecord> last = new java.util.LinkedHashMap<>();
        for (Deferred d : batch) {
            last.put(List.of(d.task().runId(), d.task().taskId(), d.task().item()), d.task());
        }
        try (PreparedStatement update = connection.prepareStatement(UPDATE_TASK);
             PreparedStatement event = connection.prepareStatement(insertEvent())) {
            List<TaskRecord> tasks = new ArrayList<>(last.values());
            for (TaskRecord t : tasks) {
                bind(update, taskValues(t)).addBatch();
            }
            int[] changed = update.executeBatch();
            List<TaskRecord> missing = new ArrayList<>();
            for (int i = 0; i < tasks.size(); i++) {
                if (changed[i] == 0) {
                    missing.add(tasks.get(i));
                }
            }
            insertTasks(missing);
            boolean events = false;
            for (Deferred d : batch) {
                if (d.eventKind() != null) {
                    bind(event, d.task().runId(), d.at(), d.eventKind(), d.task().taskId(), d.task().item(),
                            d.eventDetail() == null ? null : truncate(d.eventDetail())).addBatch();
                    events = true;
                }
            }
            if (events) {
                event.executeBatch();
            }
        } catch (SQLException e) {
            throw storeError(e);
        }
    }

    /** Inserts new task executions in one transaction (a run's pending tasks, as it starts). */
    public synchronized void insertTasks(List<TaskRecord> tasks) {
        call(() -> {
            if (tasks.isEmpty()) {
                return;
            }
            inTransaction(() -> {
                try (PreparedStatement ps = connection.prepareStatement(insertInto("cutover_task_runs", "run_id, task_id, item, seq,"
                        + " phase, state, rows_moved, checksum, attempts, started_at, ended_at, applied_seq, message",
                        "run_id, task_id, item") + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (TaskRecord t : tasks) {
                        bind(ps, t.runId(), t.taskId(), t.item(), t.seq(), t.phase(), t.state(), t.rows(), t.checksum(), t.attempts(),
                                at(t.startedAt()), at(t.endedAt()), t.appliedSeq(), t.message()).addBatch();
                    }
                    ps.executeBatch();
                } catch (SQLException e) {
                    throw storeError(e);
                }
            });
        });
    }

    /**
     * Runs {@code work} as one transaction on the store's connection (nested calls join it), rolling it back
     * when it fails.
     */
    private void inTransaction(Runnable work) {
        try {
            if (!connection.getAutoCommit()) {
                work.run(); // already inside one
                return;
            }
            connection.setAutoCommit(false);
            try {
                flushDeferred();
                work.run();
                connection.commit();
                takenInserts.clear();
                takenBatch.clear();
            } catch (RuntimeException | SQLException e) {
                try {
                    connection.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                if (lostServer(e)) {
                    requeueTaken(); // written again once the store is open again
                } else {
                    // A write that fails for good must not block every later use of the store: they are dropped, as
                    // before, and a resumed run works them out again.
                    takenInserts.clear();
                    takenBatch.clear();
                }
                throw e;
            } finally {
                try {
                    connection.setAutoCommit(true);
                } catch (SQLException e) {
                    if (!lostServer(e)) {
                        throw e;
                    } // else the connection broke: the operation's own error says so
                }
            }
        } catch (SQLException e) {
            throw storeError(e);
        }
    }

    /** Records a new checksum for an applied task ({@code --allow-drift}). */
    public synchronized void setChecksum(String runId, String taskId, String item, String checksum) {
        call(() -> update("UPDATE cutover_task_runs SET checksum = ? WHERE run_id = ? AND task_id = ? AND item = ?",
                checksum, runId, taskId, item));
    }

    /** A run's task executions in run order. */
    public synchronized List<TaskRecord> tasks(String runId) {
        return call(() -> {
            List<TaskRecord> out = new ArrayList<>();
            try (PreparedStatement ps = prepare("SELECT * FROM cutover_task_runs WHERE run_id = ? ORDER BY seq, task_id, item", runId);
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long rows = rs.getLong("rows_moved");
                    Long rowsOrNull = rs.wasNull() ? null : rows;
                    long applied = rs.getLong("applied_seq");
                    Long appliedOrNull = rs.wasNull() ? null : applied;
                    out.add(new TaskRecord(rs.getString("run_id"), rs.getString("task_id"), rs.getString("item"), rs.getInt("seq"),
                            rs.getString("phase"), rs.getString("state"), rowsOrNull, rs.getString("checksum"), rs.getInt("attempts"),
                            instant(rs, "started_at"), instant(rs, "ended_at"), appliedOrNull, rs.getString("message")));
                }
            } catch (SQLException e) {
                throw storeError(e);
            }
            return out;
        });
    }

    /**
     * The applied task executions of a plan across its runs (on the rollback stack), newest first:
     * for each task and item only its latest execution.
     */
    public synchronized List<TaskRecord> appliedTasks(String plan) {
        return call(() -> {
            List<TaskRecord> out = new ArrayList<>();
            java.util.Set<String> seen = new java.util.HashSet<>();
            try (PreparedStatement ps = prepare("SELECT t.* FROM cutover_task_runs t JOIN cutover_runs r ON r.id = t.run_id"
                    + " WHERE r.plan = ? AND t.applied_seq IS NOT NULL ORDER BY t.applied_seq DESC", plan);
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long rows = rs.getLong("rows_moved");
                    Long rowsOrNull = rs.wasNull() ? null : rows;
                    TaskRecord r = new TaskRecord(rs.getString("run_id"), rs.getString("task_id"), rs.getString("item"), rs.getInt("seq"),
                            rs.getString("phase"), rs.getString("state"), rowsOrNull, rs.getString("checksum"), rs.getInt("attempts"),
                            instant(rs, "started_at"), instant(rs, "ended_at"), rs.getLong("applied_seq"), rs.getString("message"));
                    if (seen.add(r.taskId() + "\u0000" + r.item())) {
                        out.add(r);
                    }
                }
            } catch (SQLException e) {
                throw storeError(e);
            }
            return out;
        });
    }

    // ---- events ----

    /** Appends an event. */
    public synchronized void event(String runId, String kind, String taskId, String item, String detail) {
        OffsetDateTime at = eventTime(); // the same when the write is made again
        call(() -> update(insertEvent(), runId, at, kind, taskId, item, detail == null ? null : truncate(detail)));
    }

    /** A run's events, oldest first: {@code kind task item: detail}. */
    public synchronized List<String> events(String runId) {
        return call(() -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = prepare("SELECT * FROM cutover_events WHERE run_id = ? ORDER BY id", runId);
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString("kind") + " " + rs.getString("task_id") + " " + rs.getString("item") + ": " + rs.getString("detail"));
                }
            } catch (SQLException e) {
                throw storeError(e);
            }
            return out;
        });
    }

    // ---- approvals ----

    /** Records an approval; true when it is new. */
    public synchronized boolean approve(String runId, String taskId, String item, String by) {
        return call(() -> {
            try {
                update("INSERT INTO cutover_approvals (run_id, task_id, item, approved_at, approved_by) VALUES (?, ?, ?, ?, ?)",
                        runId, taskId, item, now(), by);
                return true;
            } catch (CutoverException e) {
                if (e.getCause() instanceof SQLException sql && isUniqueViolation(sql)) {
                    // tried again after the server went away: the approval there may be this one, committed already
                    return retrying && java.util.Objects.equals(by, approvedBy(runId, taskId, item));
                }
                throw e;
            }
        });
    }

    private String approvedBy(String runId, String taskId, String item) {
        try (PreparedStatement ps = prepare("SELECT approved_by FROM cutover_approvals WHERE run_id = ? AND task_id = ? AND item = ?",
                runId, taskId, item); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw storeError(e);
        }
    }

    /** True when the task (and item) of the run is approved. */
    public synchronized boolean isApproved(String runId, String taskId, String item) {
        return call(() -> {
            try (PreparedStatement ps = prepare("SELECT 1 FROM cutover_approvals WHERE run_id = ? AND task_id = ? AND item = ?",
                    runId, taskId, item); ResultSet rs = ps.executeQuery()) {
                return rs.next();
            } catch (SQLException e) {
                throw storeError(e);
            }
        });
    }

    // ---- locks: compare-and-set on one row per plan ----

    /** Inserts the lock row; false when a row is there already. */
    public synchronized boolean tryInsertLock(LockRecord lock) {
        return call(() -> {
            try {
                update("INSERT INTO cutover_locks (plan, run_id, host, pid, acquired_at, heartbeat_at, lease_until) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        lock.plan(), lock.runId(), lock.host(), lock.pid(), at(lock.acquiredAt()), at(lock.heartbeatAt()), at(lock.leaseUntil()));
                return true;
            } catch (CutoverException e) {
                if (e.getCause() instanceof SQLException sql && isUniqueViolation(sql)) {
                    // tried again after the server went away: the row there may be this very insert, committed already
                    return retrying && lock(lock.plan()).filter(l -> l.runId().equals(lock.runId()) && l.host().equals(lock.host())
                            && l.pid() == lock.pid()).isPresent();
                }
                throw e;
            }
        });
    }

    /** The lock row of a plan. */
    public synchronized Optional<LockRecord> lock(String plan) {
        return call(() -> {
            try (PreparedStatement ps = prepare("SELECT * FROM cutover_locks WHERE plan = ?", plan); ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new LockRecord(rs.getString("plan"), rs.getString("run_id"), rs.getString("host"), rs.getLong("pid"),
                        instant(rs, "acquired_at"), instant(rs, "heartbeat_at"), instant(rs, "lease_until")));
            } catch (SQLException e) {
                throw storeError(e);
            }
        });
    }

    /** Replaces {@code expected} by {@code next} only if the row is still exactly {@code expected}. */
    public synchronized boolean replaceLock(LockRecord expected, LockRecord next) {
        return call(() -> updateCount("UPDATE cutover_locks SET run_id = ?, host = ?, pid = ?, acquired_at = ?, heartbeat_at = ?, lease_until = ?"
                + " WHERE plan = ? AND run_id = ? AND host = ? AND pid = ? AND heartbeat_at = ?",
                next.runId(), next.host(), next.pid(), at(next.acquiredAt()), at(next.heartbeatAt()), at(next.leaseUntil()),
                expected.plan(), expected.runId(), expected.host(), expected.pid(), at(expected.heartbeatAt())) == 1);
    }

    /** Extends the lease of the holder; false when the lock is no longer this holder's. */
    public synchronized boolean heartbeat(String plan, String runId, long pid, Instant leaseUntil) {
        return call(() -> updateCount("UPDATE cutover_locks SET heartbeat_at = ?, lease_until = ? WHERE plan = ? AND run_id = ? AND pid = ?",
                now(), at(leaseUntil), plan, runId, pid) == 1);
    }

    /** Removes the lock if this holder has it. */
    public synchronized void releaseLock(String plan, String runId, long pid) {
        call(() -> update("DELETE FROM cutover_locks WHERE plan = ? AND run_id = ? AND pid = ?", plan, runId, pid));
    }

    // ---- the server going away ----

    /** A store operation; it reports SQL errors as {@link #storeError}s. */
    @FunctionalInterface
    private interface Work<T> {
        T run();
    }

    /** How deep in store operations the store's lock holder is: only the outermost one tries again. */
    private int depth;

    /**
     * Runs one store operation. On an embedded H2 store that another cutover process serves (a run of another plan that
     * opened it first), that process's exit breaks this one's connection in the middle of whatever it does: then the
     * store is opened again (this process may serve it now, or another's server) and the operation runs once more.
     * What it had begun was not committed, and the journal's held-back writes go back to their queue
     * ({@link #inTransaction}); a commit whose answer the exit swallowed (the server's last moments: seen in a CI run of
     * StoreOwnerTest, as a duplicate key) is made again without harm ({@link #retrying}): nothing of it is there twice.
     */
    private <T> T call(Work<T> work) {
        depth++;
        try {
            try {
                return work.run();
            } catch (RuntimeException e) {
                if (depth > 1 || !lostServer(e)) {
                    throw e;
                }
                reconnect(e);
            }
            retrying = true;
            try {
                return work.run();
            } finally {
                retrying = false;
            }
        } finally {
            depth--;
        }
    }

    /**
     * True while {@link #call} runs an operation again after the server went away: the first try may have been committed
     * with its answer lost, so inserts write over a row that is there (the same values), an event that is there (the same
     * time, kind, task and detail) is not added, and a lock row that is this very insert, or an approval by the same
     * person, counts as done.
     */
    private boolean retrying;

    /** Runs store operations as {@link #call} runs one again after the server went away (for tests of that path). */
    synchronized void asRetry(Runnable operations) {
        retrying = true;
        try {
            operations.run();
        } finally {
            retrying = false;
        }
    }

    private void call(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }

    /** H2's errors of a connection whose server closed its database or went away. */
    private static final java.util.Set<Integer> LOST_SERVER = java.util.Set.of(org.h2.api.ErrorCode.CONNECTION_BROKEN_1,
            org.h2.api.ErrorCode.DATABASE_CALLED_AT_SHUTDOWN, org.h2.api.ErrorCode.DATABASE_IS_CLOSED,
            org.h2.api.ErrorCode.IO_EXCEPTION_1);

    private boolean lostServer(Throwable e) {
        if (!remote) {
            return false;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && LOST_SERVER.contains(sql.getErrorCode())) {
                return true;
            }
        }
        return false;
    }

    /** Opens the store again after its server went away, with {@link #open}'s tries over the lock race. */
    private void reconnect(RuntimeException cause) {
        org.slf4j.LoggerFactory.getLogger("io.cutover.run").warn("the process that served the state store {} went away ({});"
                + " opening it again", redact(url), cause.getMessage());
        closeQuietly(connection);
        StateStore fresh = open(url, clock, 0);
        connection = fresh.connection;
        remote = fresh.remote;
    }

    // ---- plumbing ----

    private PreparedStatement prepare(String sql, Object... args) throws SQLException {
        flushDeferred(); // every read and write sees (and keeps the order of) a held-back task write
        return bind(connection.prepareStatement(sql), args);
    }

    private static PreparedStatement bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
        return ps;
    }

    private void update(String sql, Object... args) {
        updateCount(sql, args);
    }

    private int updateCount(String sql, Object... args) {
        try (PreparedStatement ps = prepare(sql, args)) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw storeError(e);
        }
    }

    private CutoverException storeError(SQLException e) {
        return new CutoverException(ErrorCode.FAILED, "state store " + redact(url) + ": " + e.getMessage(), e);
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static String truncate(String text) {
        return text.length() > 4000 ? text.substring(0, 3997) + "..." : text;
    }

    @Override
    public synchronized void close() {
        closing = true;
        synchronized (queue) {
            queue.notifyAll();
        }
        try {
            call(this::flushDeferred);
        } catch (RuntimeException e) {
            // the store is going away: what was held back is of the kind a resumed run works out again
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // closing a store that is going away: nothing left to save
        }
    }
}
