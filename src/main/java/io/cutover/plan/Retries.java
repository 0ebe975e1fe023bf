package io.cutover.plan;

import java.time.Duration;

/**
 * How often a task is tried, and how long to wait between tries (doubling each time).
 */
public record Retries(int attempts, Duration backoff) {
    /** One attempt, no retry. */
    public static final Retries NONE = new Retries(1, Duration.ZERO);

    public Retries {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
    }
}
