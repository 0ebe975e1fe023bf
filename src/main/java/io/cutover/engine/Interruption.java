package io.cutover.engine;

import java.util.HashMap;
import java.util.Map;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C or SIGTERM during a run: the run starts no new task, lets the running one finish (its
 * transaction commits or rolls back whole), records itself as stopped and releases its lock, so
 * that {@code cutover run} resumes it. The signals are caught rather than left to a shutdown hook,
 * because the JVM's shutdown would close the embedded state store under the run. A second signal
 * ends the process at once (exit 130); that case, like SIGKILL, is covered by the journal and the
 * lease's takeover.
 */
final class Interruption implements AutoCloseable {
    private final Map<Signal, SignalHandler> previous = new HashMap<>();

    private Interruption() {
    }

    static Interruption watch(StopSignal stop, Reporter reporter) {
        Interruption interruption = new Interruption();
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal signal = new Signal(name);
                interruption.previous.put(signal, Signal.handle(signal, s -> {
                    if (stop.raise(new StopSignal.Stop("interrupted by SIG" + name, StopSignal.Action.STOP, null))) {
                        reporter.line("interrupted: finishing the running task, then stopping; 'cutover run' resumes the run"
                                + " (a second signal ends the process at once)");
                    } else {
                        Runtime.getRuntime().halt(130);
                    }
                }));
            } catch (IllegalArgumentException e) {
                // the signal is not available here (another platform, or the JVM uses it): the journal covers a hard stop
            }
        }
        return interruption;
    }

    @Override
    public void close() {
        previous.forEach(Signal::handle);
    }
}
