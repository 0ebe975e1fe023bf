package io.cutover.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator watches {@code cutover status} in a loop while a run starts on a fresh embedded store: every status
 * process opens and closes the store, and the run, opening it at the same moment, met H2's lock file "recently
 * modified" or the server of a status that was going away, and failed with "cannot open the state store" (seen in
 * the run-lock-refused acceptance case, once in five). Real processes, as in production. (Many openers at once, several
 * status processes overlapping, can still defeat H2's lock protocol for longer than the 15 s cutover waits: not tested.)
 */
class StoreOpenRaceTest {
    @TempDir
    Path dir;

    @Test
    void aRunStartsWhileStatusProcessesOpenAndCloseTheStore() throws Exception {
        Files.writeString(dir.resolve("plan.yaml"), String.join("\n",
                "cutover: 1",
                "name: watched",
                "datasources: {app: {url: \"jdbc:h2:mem:watched\"}}",
                "phases:",
                "  - id: p",
                "    tasks:",
                "      - {id: t, type: sql, datasource: app, up: \"CREATE TABLE t (i INT)\", down: \"DROP TABLE t\"}",
                ""));
        for (int trial = 0; trial < 5; trial++) {
            String state = "jdbc:h2:file:" + dir.resolve("state" + trial).resolve("cutover");
            // the watch loop: one status after another, as 'watch cutover status' runs it
            java.util.concurrent.atomic.AtomicBoolean watching = new java.util.concurrent.atomic.AtomicBoolean(true);
            List<String> watcherFailures = java.util.Collections.synchronizedList(new ArrayList<>());
            int t = trial;
            Thread watch = new Thread(() -> {
                for (int i = 0; watching.get(); i++) {
                    try {
                        ChildRun status = ChildRun.start(dir, "status-" + t + "-" + i, "status", "--state", state, "plan.yaml");
                        status.await(120);
                        if (status.output().contains("cannot open the state store")) {
                            watcherFailures.add(status.output());
                        }
                    } catch (Exception e) {
                        watcherFailures.add(e.toString());
                    }
                }
            });
            watch.start();
            Thread.sleep(200 + 150L * trial);
            ChildRun run = ChildRun.start(dir, "run-" + trial, "run", "--ignore-window", "--state", state, "plan.yaml");
            int code = run.await(120);
            watching.set(false);
            watch.join();
            assertFalse(run.output().contains("cannot open the state store"), run.output());
            assertEquals(0, code, run.output());
            assertEquals(List.of(), watcherFailures);
        }
    }
}
