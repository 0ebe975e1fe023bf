package io.cutover.engine;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.journal.LockRecord;
import io.cutover.journal.StateStore;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The lock a run holds on its plan: one row per plan in the state store, taken with an insert and
 * handed over only by compare-and-set, kept alive by a heartbeat. A holder that is gone (its
 * process no longer exists on this host, or its lease expired) is replaced by the next run, never
 * by hand. Unlike a database advisory lock it holds no session open on a target database, so it
 * cannot deadlock with {@code CREATE INDEX CONCURRENTLY}, which waits for every older transaction.
 */
public final class Lease implements AutoCloseable {
    /** How long a lease lasts without a heartbeat. */
    public static final Duration TTL = Duration.ofSeconds(60);
    private static final Duration BEAT = Duration.ofSeconds(10);

    private final StateStore store;
    private final LockRecord held;
    private final Clock clock;
    private final AtomicBoolean lost = new AtomicBoolean();
    private ScheduledExecutorService beat;

    private Lease(StateStore store, LockRecord held, Clock clock) {
        this.store = store;
        this.held = held;
        this.clock = clock;
    }

    /** Takes the plan's lock for {@code runId}, or refuses (exit 3) naming the holder. */
    public static Lease acquire(StateStore store, String plan, String runId, Clock clock) {
        long pid = ProcessHandle.current().pid();
        String host = hostName();
        for (int attempt = 0; attempt < 5; attempt++) {
            Instant now = clock.instant();
            LockRecord mine = new LockRecord(plan, runId, host, pid, now, now, now.plus(TTL));
            if (store.tryInsertLock(mine)) {
                return new Lease(store, mine, clock).start();
            }
            Optional<LockRecord> current = store.lock(plan);
            if (current.isEmpty()) {
                continue; // released between our insert and our read: try again
            }
            LockRecord holder = current.get();
            if (holder.pid() == pid && holder.host().equals(host) && holder.runId().equals(runId)) {
                return new Lease(store, holder, clock).start();
            }
            if (!isGone(holder, host, now)) {
                throw held(holder);
            }
            if (store.replaceLock(holder, mine)) {
                store.event(runId, "lock_taken_over", null, null, "from run " + holder.runId() + " (host " + holder.host()
                        + ", pid " + holder.pid() + "), whose holder is gone");
                return new Lease(store, mine, clock).start();
            }
        }
        throw store.lock(plan).map(Lease::held).orElseGet(() ->
                new CutoverException(ErrorCode.REFUSED, "could not take the lock of plan '" + plan + "': it changes hands too fast"));
    }

    /** True when the holder cannot be running any more. */
    static boolean isGone(LockRecord holder, String host, Instant now) {
        if (holder.leaseUntil().isBefore(now)) {
            return true;
        }
        return holder.host().equals(host) && ProcessHandle.of(holder.pid()).map(p -> !p.isAlive()).orElse(true);
    }

    private static CutoverException held(LockRecord holder) {
        return new CutoverException(ErrorCode.REFUSED, "the plan '" + holder.plan() + "' is locked by run " + holder.runId()
                + " in progress (host " + holder.host() + ", pid " + holder.pid() + ", started " + holder.acquiredAt()
                + "); wait for it to finish, or see 'cutover status " + holder.plan() + "'");
    }

    private Lease start() {
        beat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cutover-lease");
            t.setDaemon(true);
            return t;
        });
        beat.scheduleAtFixedRate(this::heartbeat, BEAT.toMillis(), BEAT.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void heartbeat() {
        try {
            if (!store.heartbeat(held.plan(), held.runId(), held.pid(), clock.instant().plus(TTL))) {
                lost.set(true);
            }
        } catch (RuntimeException e) {
            // a store hiccup: the next beat tries again; the lease lasts TTL, six beats
        }
    }

    /** True when another run took the lock away (this run's lease expired while it was stalled). */
    public boolean isLost() {
        return lost.get();
    }

    /** The lock as held. */
    public LockRecord held() {
        return held;
    }

    @Override
    public void close() {
        if (beat != null) {
            beat.shutdownNow();
        }
        store.releaseLock(held.plan(), held.runId(), held.pid());
    }

    /** This machine's name, as locks record it. */
    public static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return Files.readString(Path.of("/etc/hostname")).trim();
        } catch (Exception e) {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (Exception ignored) {
                return "localhost";
            }
        }
    }
}
