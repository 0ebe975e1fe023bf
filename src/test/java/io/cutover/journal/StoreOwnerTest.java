package io.cutover.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
