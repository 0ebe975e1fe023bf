package io.cutover.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.CutoverException;
import io.cutover.engine.ChildRun;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run opens the embedded store itself rather than through a short-lived process that serves it (a status): that
 * process's exit would break the run's connection mid-run. Real processes: H2's mixed mode is between processes.
 */
class StoreOwnerTest {
    @TempDir
    Path dir;

    private ChildRun hold(String url, long millis) throws Exception {
        ChildRun holder = ChildRun.startMain(List.of(), HoldStore.class.getName(), dir, "holder", url, Long.toString(millis));
        holder.awaitOutput("holding", 60);
        assertTrue(holder.output().contains("holding, served by another: false"), "the holder opens the store itself");
        return holder;
    }

    @Test
    void aRunWaitsForAShortLivedHolderAndThenOpensTheStoreItself() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("state");
        ChildRun holder = hold(url, 700);
        long start = System.nanoTime();
        try (StateStore store = StateStore.openForRun(url, Clock.systemUTC())) {
            assertFalse(store.servedByAnother(), "the run is the store's server, not the status's client");
            assertFalse(holder.isAlive(), "the run opened the store once the holder had gone");
            store.runs("any");
        }
        assertEquals(0, holder.await(30));
        assertTrue(System.nanoTime() - start < 10_000_000_000L);
    }

    @Test
    void aStatusAndARunBesideALongHolderGoThroughItsServer() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("state");
        ChildRun holder = hold(url, 15_000);
        try {
            try (StateStore status = StateStore.open(url, Clock.systemUTC())) {
                assertTrue(status.servedByAnother(), "a status does not wait: it reads through the holder's server");
                status.runs("any");
            }
            long start = System.nanoTime();
            try (StateStore run = StateStore.openForRun(url, Clock.systemUTC())) {
                assertTrue(run.servedByAnother(), "after its wait, a run beside a long holder goes on as its client");
                assertTrue(System.nanoTime() - start >= StateStore.OWNER_WAIT_MILLIS * 1_000_000 / 2, "it waited first");
                run.runs("any");
            }
        } finally {
            holder.kill();
        }
    }

    /**
     * Beside another run (a long holder) a run goes on as its client; when that run's process ends, the client's connection
     * breaks, maybe in the middle of a write. The client opens the store again and goes on: no error, no write lost.
     */
    @Test
    void aClientGoesOnWhenTheProcessThatServedTheStoreEnds() throws Exception {
        // Twice: the holder's exit meets a write in flight most times, not every time (without the reopening, 3 of 4
        // single trials failed).
        clientBesideAHolderThatEnds("jdbc:h2:file:" + dir.resolve("first"));
        clientBesideAHolderThatEnds("jdbc:h2:file:" + dir.resolve("second"));
    }

    private void clientBesideAHolderThatEnds(String url) throws Exception {
        ChildRun holder = hold(url, 1_500);
        java.time.Instant t0 = java.time.Instant.parse("2026-12-06T00:00:00Z");
        int written = 0;
        try (StateStore store = StateStore.open(url, Clock.systemUTC())) {
            assertTrue(store.servedByAnother(), "the store is the holder's client");
            store.insertRun(new RunRecord("r1", "p", "p.yaml", "running", t0, java.util.Optional.empty(), "host", 1L,
                    java.util.Optional.empty(), java.util.Optional.empty()));
            // Writes and reads as fast as they go, across the holder's exit and for a while after it; most of the time in
            // a transaction, where H2's own reconnect cannot help.
            long after = 0;
            while (after == 0 || System.nanoTime() < after) {
                List<TaskRecord> batch = new java.util.ArrayList<>();
                for (int i = 0; i < 200; i++, written++) {
                    batch.add(new TaskRecord("r1", "t" + written, "", written, "p", "succeeded", null, "c", 1, t0, t0, null, null));
                }
                store.insertTasks(batch);
                store.saveTaskLater(new TaskRecord("r1", "lazy" + written, "", -written, "p", "running", null, "c", 1, t0,
                        null, null, null), "task_running", null);
                assertEquals(written, store.tasks("r1").stream().filter(t -> t.taskId().startsWith("t")).count());
                if (after == 0 && !holder.isAlive()) {
                    after = System.nanoTime() + 500_000_000L;
                }
            }
        }
        assertEquals(0, holder.await(30));
        try (StateStore check = StateStore.open(url, Clock.systemUTC())) {
            List<TaskRecord> tasks = check.tasks("r1");
            assertEquals(written, tasks.stream().filter(t -> t.taskId().startsWith("t")).count(), "every write is there");
            // Held-back writes may lose one that the ending holder acknowledged while H2's shutdown hook closed its
            // database (seen once in CI): as after a kill, a resumed run works such a state out again. The last ones,
            // written after the holder had gone, are there.
            long lazy = tasks.stream().filter(t -> t.taskId().startsWith("lazy")).count();
            assertTrue(lazy >= written / 200 - 1, "held-back writes: " + lazy + " of " + written / 200);
            String last = "lazy" + written;
            assertTrue(tasks.stream().anyMatch(t -> t.taskId().equals(last)), "the last held-back write is there");
        }
    }

    /**
     * The server's exit can swallow the answer to a commit that went through; the operation then runs again (seen in CI as
     * a duplicate key). Run again that way, an insert of the same rows, the same lock row and the same approval are not
     * refused, and nothing is there twice, events neither; another holder's lock row and another person's approval still
     * are refused, and outside such a retry a duplicate is an error.
     */
    @Test
    void anOperationRunAgainAfterItsCommitsAnswerWasLostIsNotRefused() {
        String url = "jdbc:h2:file:" + dir.resolve("again");
        java.time.Instant t0 = java.time.Instant.parse("2026-12-06T00:00:00Z");
        RunRecord run = new RunRecord("r1", "p", "p.yaml", "running", t0, java.util.Optional.empty(), "host", 7L,
                java.util.Optional.empty(), java.util.Optional.empty());
        List<TaskRecord> tasks = List.of(new TaskRecord("r1", "t1", "", 1, "p", "pending", null, "c", 0, null, null, null, null),
                new TaskRecord("r1", "t2", "", 2, "p", "pending", null, "c", 0, null, null, null, null));
        LockRecord lock = new LockRecord("p", "r1", "host", 7L, t0, t0, t0.plusSeconds(60));
        // A clock that stands still: the events made again carry the time of the first try, as they do in a retry
        Clock still = Clock.fixed(t0.plusNanos(1_234_567), java.time.ZoneOffset.UTC);
        try (StateStore store = StateStore.open(url, still)) {
            store.insertRun(run);
            store.insertTasks(tasks);
            assertTrue(store.tryInsertLock(lock));
            assertTrue(store.approve("r1", "t1", "", "ana"));
            store.event("r1", "note", "t1", "", "once");
            store.saveTask(tasks.get(1), "task_pending", null);
            store.saveTaskLater(tasks.get(0), "task_running", "held back");
            assertEquals(3, store.events("r1").size(), "the held-back write is flushed by the read");
            store.asRetry(() -> {
                store.event("r1", "note", "t1", "", "once");
                store.saveTask(tasks.get(1), "task_pending", null);
                store.saveTaskLater(tasks.get(0), "task_running", "held back");
                store.event("r1", "note", "t1", "", "another detail");
                assertTrue(store.approve("r1", "t1", "", "ana"), "ana's approval, recorded by the lost commit");
                assertFalse(store.approve("r1", "t1", "", "bo"), "approved before, by another");
                store.insertRun(run);
                store.insertTasks(tasks);
                assertTrue(store.tryInsertLock(lock), "this holder's own lock row, inserted by the lost commit");
                assertFalse(store.tryInsertLock(new LockRecord("p", "r2", "other", 8L, t0, t0, t0.plusSeconds(60))),
                        "another holder's lock row");
            });
            assertEquals(List.of("t1", "t2"), store.tasks("r1").stream().map(TaskRecord::taskId).toList());
            assertEquals(4, store.events("r1").size(), "each event once, the new one too: " + store.events("r1"));
            assertEquals(1, store.runs("p").size());
            assertThrows(CutoverException.class, () -> store.insertTasks(tasks));
            assertFalse(store.tryInsertLock(lock));
            assertFalse(store.approve("r1", "t1", "", "ana"), "outside a retry, approved before");
        }
    }
}
