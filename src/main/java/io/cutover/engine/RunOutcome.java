package io.cutover.engine;

import io.cutover.ErrorCode;

/** How a run (or a rollback) ended: the exit code of cli.md, the run, and a sentence. */
public record RunOutcome(ErrorCode code, String runId, String message) {
}
