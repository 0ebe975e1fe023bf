package io.cutover.journal;

import java.time.Instant;
import java.util.Optional;

/** A run as the state store keeps it. {@code state} is one of cli.md's run states. */
public record RunRecord(String id, String plan, String planFile, String state, Instant startedAt, Optional<Instant> endedAt,
                        String host, long pid, Optional<String> triggerJson, Optional<String> message) {
}
