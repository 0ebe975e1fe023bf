package io.cutover.engine;

import io.cutover.load.HandlerRegistry;
import io.cutover.load.LoadedPlan;
import io.cutover.journal.StateStore;
import java.nio.file.Path;
import java.time.Clock;

/**
 * What every task of one run shares: the plan, the journal, the pools, the stop signal, the report.
 */
public record RunScope(LoadedPlan loaded, String runId, StateStore store, Journal journal, Pools pools, AppliedLookup lookup,
                       StopSignal stop, Reporter reporter, HandlerRegistry handlers, Clock clock) {

    /** The plan file's folder. */
    public Path planDir() {
        Path parent = Path.of(loaded.plan().file()).toAbsolutePath().getParent();
        return parent == null ? Path.of(".").toAbsolutePath() : parent;
    }

    /** The plan's name. */
    public String plan() {
        return loaded.plan().name();
    }
}
