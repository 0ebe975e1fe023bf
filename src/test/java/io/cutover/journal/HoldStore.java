package io.cutover.journal;

import java.time.Clock;

/** A child process for {@link StoreOwnerTest}: opens the store (as a short-lived status would), holds it, exits. */
public final class HoldStore {
    private HoldStore() {
    }

    public static void main(String[] args) throws InterruptedException {
        try (StateStore store = StateStore.open(args[0], Clock.systemUTC())) {
            System.out.println("holding, served by another: " + store.servedByAnother());
            System.out.flush();
            Thread.sleep(Long.parseLong(args[1]));
        }
        System.exit(0);
    }
}
