package io.cutover.journal;

import java.time.Instant;

/**
 * One execution of one task (and {@code foreach} item, empty when none) in one run.
 *
 * @param seq        the task's place in the run order
 * @param state      one of cli.md's task states
 * @param rows       rows a data task moved, or null
 * @param checksum   the checksum of the task's definition when it was applied
 * @param appliedSeq the order in which tasks were applied, for the rollback stack; null when not applied
 */
public record TaskRecord(String runId, String taskId, String item, int seq, String phase, String state, Long rows,
                         String checksum, int attempts, Instant startedAt, Instant endedAt, Long appliedSeq, String message) {
}
