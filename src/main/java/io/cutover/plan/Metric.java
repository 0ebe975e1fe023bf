package io.cutover.plan;

import java.time.Duration;
import java.util.Optional;

/**
 * A probe that rollback triggers read: a SQL query, an HTTP request or a shell command.
 *
 * @param name    the key under {@code metrics}
 * @param kind    how it is measured
 * @param target  the SQL text, the URL or the command
 * @param measure what to read of an HTTP answer or a command (latency_ms, status, body_number, exit_ok, number)
 * @param datasource for SQL metrics
 * @param timeout how long one sample may take
 */
public record Metric(String name, Kind kind, String target, String measure, Optional<String> datasource,
                     Duration timeout, SourceLocation location) {

    /** Where a metric's value comes from. */
    public enum Kind { SQL, HTTP, SHELL }
}
