package io.cutover.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run opens the embedded store itself rather than through a short-lived process that serves it (a status): that
 * process's exit would break the run's connection mid-run. Real processes: H2's mixed mode is between processes.
 */
class StoreOwnerTest {
    @TempDir
    Path dir;

    private Process hold(String url, long millis) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(List.of(java, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                HoldStore.class.getName(), url, Long.toString(millis))).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertEquals("holding, served by another: false", line, "the holder opens the store itself");
        return p;
    }

    @Test
    void aRunWaitsForAShortLivedHolderAndThenOpensTheStoreItself() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("state");
        Process holder = hold(url, 700);
        long start = System.nanoTime();
        try (StateStore store = StateStore.openForRun(url, Clock.systemUTC())) {
            assertFalse(store.servedByAnother(), "the run is the store's server, not the status's client");
            assertFalse(holder.isAlive(), "the run opened the store once the holder had gone");
            store.runs("any");
        }
        assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
        assertTrue(System.nanoTime() - start < 10_000_000_000L);
    }

    @Test
    void aStatusAndARunBesideALongHolderGoThroughItsServer() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("state");
        Process holder = hold(url, 15_000);
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
            holder.destroyForcibly();
            holder.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
