package io.cutover.journal;

import java.time.Instant;

/** The lease one run holds on a plan: who (host, pid, run) and until when. */
public record LockRecord(String plan, String runId, String host, long pid, Instant acquiredAt, Instant heartbeatAt,
                         Instant leaseUntil) {
}
