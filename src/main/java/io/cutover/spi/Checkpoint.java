package io.cutover.spi;

/**
 * Where a data task stands: an opaque position the handler writes (for copy, the last key copied,
 * as JSON) and the rows moved so far.
 */
public record Checkpoint(String position, long rows) {
}
