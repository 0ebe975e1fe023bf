package io.cutover.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task that cannot be undone by a database transaction (a shell command) is killed with SIGKILL
 * moments after it started. The journal must already hold that it was running, so the resumed run
 * neither forgets it nor runs it a second time: it says the outcome is unknown (cli.md).
 * The default embedded state store is what is tested: its commits must survive the kill.
 */
class KilledTaskJournalTest {
    @TempDir
    Path dir;

    @RepeatedTest(3)
    void aTaskKilledJustAfterItStartedIsNotRunAgainBlindly() throws Exception {
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, """
                cutover: 1
                name: killed-shell
                phases:
                  - id: one
                    tasks:
                      - id: append
                        type: shell
                        run: 'echo ran >> ran.txt; sleep 20'
                        down: 'true'
                """);
        Path ran = dir.resolve("ran.txt");
        ChildRun child = ChildRun.start(dir, "first", "run", plan.toString());
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!Files.exists(ran)) {
            assertTrue(System.nanoTime() < deadline, "the task never started: " + child.output());
            Thread.sleep(2);
        }
        child.kill();

        ChildRun again = ChildRun.start(dir, "again", "run", plan.toString());
        int code = again.await(60);
        List<String> lines = Files.readAllLines(ran);
        assertEquals(List.of("ran"), lines, "the killed command ran again on resume: " + again.output());
        assertEquals(3, code, again.output());
        assertTrue(again.output().contains("is unknown"), again.output());
    }
}
