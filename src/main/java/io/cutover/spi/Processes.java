package io.cutover.spi;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** Stopping a command a handler started, with everything it started in turn. */
public final class Processes {
    private Processes() {
    }

    /**
     * Kills the shell first, then what it started. The other order is a race: a shell whose {@code sleep} is killed
     * goes on to its next command before it is killed itself ({@code sleep 2; echo late > f} wrote {@code f}).
     */
    public static void stop(Process process) {
        List<ProcessHandle> started = process.descendants().toList();
        process.destroyForcibly();
        started.forEach(ProcessHandle::destroyForcibly); // every level: the snapshot was taken before any was orphaned
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
