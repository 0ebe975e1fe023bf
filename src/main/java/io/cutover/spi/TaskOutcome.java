package io.cutover.spi;

/**
 * What a handler's work came to. The engine owns what follows: journal rows, retries, rollback.
 */
public sealed interface TaskOutcome {

    /** Done; {@code rows} is what a data task moved, or -1 when it does not count rows. */
    record Succeeded(long rows, String message) implements TaskOutcome { }

    /** Failed for good; the engine starts the rollback the phase asks for. */
    record Failed(String message, boolean inconsistency) implements TaskOutcome { }

    /** Failed in a way that another attempt may cure (the task's {@code retries} decide). */
    record Retry(String message) implements TaskOutcome { }

    /** Nothing to do here. */
    record Skipped(String reason) implements TaskOutcome { }

    static TaskOutcome succeeded() {
        return new Succeeded(-1, "");
    }

    static TaskOutcome succeeded(long rows) {
        return new Succeeded(rows, "");
    }

    static TaskOutcome failed(String message) {
        return new Failed(message, false);
    }
}
