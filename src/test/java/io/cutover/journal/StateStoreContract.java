package io.cutover.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.engine.Lease;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every state store must do, whatever the database; one small subclass per database. */
abstract class StateStoreContract {
    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
    protected StateStore store;

    /** A fresh, empty store URL. */
    protected abstract String freshUrl();

    /** A second fresh, empty store URL, apart from the one the tests' {@code store} has. */
    protected abstract String otherFreshUrl();

    private static java.sql.Connection connect(String url) throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection(url, url.startsWith("jdbc:h2:") ? "sa" : "postgres", "");
    }

    @BeforeEach
    void open() {
        store = StateStore.open(freshUrl(), Clock.fixed(T0, ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void reopeningAnUpToDateStoreChangesNothing() {
        StateStore again = StateStore.open(store.url(), Clock.systemUTC());
        again.close();
        store.insertRun(run("r1", "p"));
        assertEquals(1, store.runs("p").size());
    }

    @Test
    void runsAndTasksRoundTrip() {
        store.insertRun(run("r1", "p"));
        store.insertRun(new RunRecord("r2", "p", "p.yaml", "running", T0.plusSeconds(5), Optional.empty(), "h", 1,
                Optional.empty(), Optional.empty()));
        store.setRunState("r1", "completed", true, "all done");
        List<RunRecord> runs = store.runs("p");
        assertEquals(List.of("r2", "r1"), runs.stream().map(RunRecord::id).toList(), "newest first");
        assertEquals("completed", runs.get(1).state());
        assertEquals(Optional.of(T0), runs.get(1).endedAt());
        assertEquals(Optional.of("all done"), runs.get(1).message());

        TaskRecord t = new TaskRecord("r1", "make", "", 1, "schema", "running", null, "abc", 1, T0, null, null, null);
        store.saveTask(t);
        store.saveTask(new TaskRecord("r1", "make", "", 1, "schema", "succeeded", 42L, "abc", 1, T0, T0, 7L, "ok"));
        store.saveTask(new TaskRecord("r1", "fill", "a", 2, "data", "pending", null, null, 0, null, null, null, null));
        List<TaskRecord> tasks = store.tasks("r1");
        assertEquals(2, tasks.size());
        assertEquals("succeeded", tasks.get(0).state());
        assertEquals(42L, tasks.get(0).rows());
        assertEquals(7L, tasks.get(0).appliedSeq());
        assertEquals("a", tasks.get(1).item());
    }

    @Test
    void approvalsAreRecordedOnce() {
        assertFalse(store.isApproved("r1", "go", ""));
        assertTrue(store.approve("r1", "go", "", "alice"));
        assertFalse(store.approve("r1", "go", "", "bob"), "a second approval is no news");
        assertTrue(store.isApproved("r1", "go", ""));
    }

    @Test
    void eventsKeepTheirOrder() {
        store.event("r1", "task_started", "make", "", "first");
        store.event("r1", "task_succeeded", "make", "", "second");
        assertEquals(List.of("task_started make : first", "task_succeeded make : second"), store.events("r1"));
    }

    /**
     * The journal's writer writes held-back states while the store stays open (status shows a run's progress), also when
     * they come after a quiet spell in which it waited for work; it is woken once for them, not for every one.
     */
    @Test
    void heldBackWritesReachTheStoreWhileItStaysOpen() throws Exception {
        try (StateStore lazy = StateStore.open(store.url(), Clock.systemUTC())) {
            lazy.saveTaskLater(new TaskRecord("r8", "a", "", 1, "p", "running", null, "c1", 1, T0, null, null, null), "task_running", null);
            awaitState("r8", "a", "running");
            Thread.sleep(300); // the writer has written, and waits for work again
            lazy.saveTaskLater(new TaskRecord("r8", "a", "", 1, "p", "succeeded", null, "c1", 1, T0, T0, 5L, "ok"), "task_succeeded", "ok");
            lazy.saveTaskLater(new TaskRecord("r8", "b", "", 2, "p", "running", null, "c2", 1, T0, null, null, null), "task_running", null);
            awaitState("r8", "a", "succeeded");
            awaitState("r8", "b", "running");
            assertEquals(List.of("task_running a : null", "task_succeeded a : ok", "task_running b : null"), store.events("r8"));
        }
    }

    private void awaitState(String runId, String taskId, String state) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            List<String> states = store.tasks(runId).stream().filter(t -> t.taskId().equals(taskId)).map(TaskRecord::state).toList();
            if (states.equals(List.of(state))) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the held-back state '" + state + "' of task " + taskId
                        + " did not reach the store while it stayed open; it holds " + states);
            }
            Thread.sleep(10);
        }
    }

    /** The journal's lazy writes (a run's pending tasks, a task's start and end): the last state, every event at its time. */
    @Test
    void heldBackWritesKeepTheLastStateAndEveryEventAtTheTimeItHappened() throws Exception {
        Instant[] now = {T0};
        Clock moving = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        try (StateStore lazy = StateStore.open(store.url(), moving)) {
            lazy.insertTasksLater(List.of(
                    new TaskRecord("r9", "a", "", 1, "p", "pending", null, "c1", 0, null, null, null, null),
                    new TaskRecord("r9", "b", "", 2, "p", "pending", null, "c2", 0, null, null, null, null)));
            lazy.saveTaskLater(new TaskRecord("r9", "a", "", 1, "p", "running", null, "c1", 1, T0, null, null, null), "task_running", null);
            now[0] = T0.plusSeconds(5);
            lazy.saveTaskLater(new TaskRecord("r9", "a", "", 1, "p", "succeeded", 3L, "c1", 1, T0, now[0], 11L, "ok"), "task_succeeded",
                    "ok");
        } // closing writes what was held back
        List<TaskRecord> tasks = store.tasks("r9");
        assertEquals(List.of("a succeeded 11", "b pending null"),
                tasks.stream().map(t -> t.taskId() + " " + t.state() + " " + t.appliedSeq()).toList());
        assertEquals(List.of("task_running a : null", "task_succeeded a : ok"), store.events("r9"));
        boolean h2 = store.url().startsWith("jdbc:h2:");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(store.url(), h2 ? "sa" : "postgres", "");
             java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT occurred_at FROM cutover_events WHERE run_id = 'r9' ORDER BY id")) {
            List<Instant> times = new java.util.ArrayList<>();
            while (rs.next()) {
                times.add(rs.getObject(1, java.time.OffsetDateTime.class).toInstant());
            }
            assertEquals(List.of(T0, T0.plusSeconds(5)), times, "each event at its state change, not at the write");
        }
    }

    /** A store that an earlier cutover made (version 1) is upgraded when opened, and keeps what it holds. */
    @Test
    void aStoreOfTheFirstVersionIsUpgradedInPlace() throws Exception {
        String url = otherFreshUrl();
        String v1 = new String(StateStore.class.getResourceAsStream("V1__state_store.sql").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        try (java.sql.Connection c = connect(url); java.sql.Statement s = c.createStatement()) {
            s.execute("CREATE TABLE cutover_state_version (version INT PRIMARY KEY, applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
            for (String statement : v1.split(";\\s*\\n")) {
                String sql = statement.replaceAll("(?m)^--.*$", "").trim();
                if (!sql.isEmpty()) {
                    s.execute(sql);
                }
            }
            s.execute("INSERT INTO cutover_state_version VALUES (1, CURRENT_TIMESTAMP)");
            s.execute("INSERT INTO cutover_events (run_id, occurred_at, kind, task_id, item, detail)"
                    + " VALUES ('r1', CURRENT_TIMESTAMP, 'task_running', 'make', '', 'before the upgrade')");
        }
        try (StateStore upgraded = StateStore.open(url, Clock.systemUTC())) {
            upgraded.event("r1", "task_succeeded", "make", "", "after it");
            assertEquals(List.of("task_running make : before the upgrade", "task_succeeded make : after it"), upgraded.events("r1"));
        }
        try (java.sql.Connection c = connect(url);
             java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT MAX(version) FROM cutover_state_version")) {
            rs.next();
            assertEquals(2, rs.getInt(1));
        }
    }

    /** A store a newer cutover upgraded is not touched by this one. */
    @Test
    void aStoreOfANewerVersionIsRefused() throws Exception {
        try (java.sql.Connection c = connect(store.url())) {
            c.createStatement().execute("INSERT INTO cutover_state_version VALUES (99, CURRENT_TIMESTAMP)");
        }
        CutoverException e = assertThrows(CutoverException.class, () -> StateStore.open(store.url(), Clock.systemUTC()));
        assertTrue(e.getMessage().contains("upgrade cutover"), e.getMessage());
    }

    @Test
    void aLiveHoldersLockIsRefusedWithItsDetails() {
        try (Lease first = Lease.acquire(store, "p", "r1", Clock.systemUTC())) {
            StateStore other = StateStore.open(store.url(), Clock.systemUTC());
            try {
                CutoverException e = assertThrows(CutoverException.class, () -> Lease.acquire(other, "p", "r2", Clock.systemUTC()));
                assertEquals(ErrorCode.REFUSED, e.code());
                assertTrue(e.getMessage().contains("run r1"), e.getMessage());
                assertTrue(e.getMessage().contains("pid " + ProcessHandle.current().pid()), e.getMessage());
                assertTrue(e.getMessage().contains(first.held().host()), e.getMessage());
            } finally {
                other.close();
            }
        }
        assertTrue(store.lock("p").isEmpty(), "closing the lease releases it");
    }

    @Test
    void aDeadHoldersLockIsTakenOver() {
        long deadPid = deadPid();
        Instant now = Instant.now();
        store.tryInsertLock(new LockRecord("p", "old", Lease.hostName(), deadPid, now, now, now.plus(Lease.TTL)));
        try (Lease lease = Lease.acquire(store, "p", "new", Clock.systemUTC())) {
            assertEquals("new", store.lock("p").orElseThrow().runId());
        }
    }

    @Test
    void anExpiredLeaseOnAnotherHostIsTakenOver() {
        Instant old = Instant.now().minus(Duration.ofMinutes(5));
        store.tryInsertLock(new LockRecord("p", "old", "some-other-host", 1, old, old, old.plus(Lease.TTL)));
        try (Lease lease = Lease.acquire(store, "p", "new", Clock.systemUTC())) {
            assertEquals("new", store.lock("p").orElseThrow().runId());
        }
    }

    @Test
    void aLiveLeaseOnAnotherHostIsRespected() {
        Instant now = Instant.now();
        store.tryInsertLock(new LockRecord("p", "remote", "some-other-host", 1, now, now, now.plus(Lease.TTL)));
        assertThrows(CutoverException.class, () -> Lease.acquire(store, "p", "new", Clock.systemUTC()));
    }

    @Test
    void racingRunsGetTheLockExactlyOnce() throws Exception {
        int racers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new java.util.ArrayList<>();
        for (int i = 0; i < racers; i++) {
            String runId = "r" + i;
            results.add(pool.submit(() -> {
                StateStore own = StateStore.open(store.url(), Clock.systemUTC());
                try {
                    start.await();
                    // Each racer claims as a different process would: a distinct pid that is alive (ours).
                    return own.tryInsertLock(new LockRecord("race", runId, "h", ProcessHandle.current().pid(),
                            Instant.now(), Instant.now(), Instant.now().plus(Lease.TTL)));
                } finally {
                    own.close();
                }
            }));
        }
        start.countDown();
        int winners = 0;
        for (Future<Boolean> f : results) {
            winners += f.get() ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(1, winners);
    }

    private static long deadPid() {
        try {
            Process p = new ProcessBuilder("true").start();
            p.waitFor();
            return p.pid();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static RunRecord run(String id, String plan) {
        return new RunRecord(id, plan, plan + ".yaml", "running", T0, Optional.empty(), "h", 1, Optional.empty(), Optional.empty());
    }
}
