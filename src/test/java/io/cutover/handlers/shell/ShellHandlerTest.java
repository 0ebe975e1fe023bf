package io.cutover.handlers.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.engine.CutoverCli;
import io.cutover.engine.CutoverCli.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell task type through the command line: what its keys promise beyond the engine contract. */
class ShellHandlerTest {
    @TempDir
    Path dir;

    private Result run(String name, String phases) throws Exception {
        Path plan = dir.resolve(name + ".yaml");
        Files.writeString(plan, "cutover: 1\nname: " + name + "\n" + phases);
        return new CutoverCli(dir).cutover("run", plan.toString());
    }

    @Test
    void stdoutContainsMayNameTheItem() throws Exception {
        Result r = run("pong", """
                phases:
                  - id: services
                    foreach: [billing]
                    tasks:
                      - id: ping
                        type: shell
                        changes: false
                        run: 'echo "pong from ${item}"'
                        expect: {stdout_contains: "pong from ${item}"}
                """);
        assertEquals(0, r.code(), "plan-format.md: any string may hold ${item} inside foreach: " + r.all());
    }

    @Test
    void aCommandPastItsTimeoutIsStoppedNotLeftRunning() throws Exception {
        long start = System.nanoTime();
        Result r = run("slow", """
                phases:
                  - id: one
                    tasks:
                      - id: slow
                        type: shell
                        timeout: 1s
                        run: 'sleep 5; echo late > late.txt'
                        down: rm -f late.txt
                """);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(1, r.code(), r.all());
        assertTrue(r.all().contains("timeout"), r.all());
        assertTrue(took.compareTo(Duration.ofSeconds(4)) < 0, "the run waited for the command: " + took);
        // Past the moment the command would have written its file, had its shell survived its sleep.
        Thread.sleep(Math.max(0, Duration.ofSeconds(6).minus(Duration.ofNanos(System.nanoTime() - start)).toMillis()));
        assertFalse(Files.exists(dir.resolve("late.txt")),
                "the run reported the task failed and rolled back, yet its command went on and did its work afterwards");
    }

    @Test
    void aSecretInTheEnvironmentIsMaskedInTheCommandsOutput() throws Exception {
        CutoverCli cli = new CutoverCli(dir);
        Path plan = dir.resolve("secret.yaml");
        Files.writeString(plan, """
                cutover: 1
                name: secret
                phases:
                  - id: one
                    tasks:
                      - id: leak
                        type: shell
                        changes: false
                        env: {TOKEN: "${secret.CUTOVER_SHELL_TEST_TOKEN:-shh-51x50q}"}
                        run: 'echo "the token is $TOKEN"; exit 1'
                """);
        Result r = cli.cutover("run", plan.toString());
        assertEquals(1, r.code(), r.all());
        assertTrue(r.out().contains("the token is ***"), r.out());
        String status = cli.cutover("status", "--format", "json").out();
        assertTrue(status.contains("the token is ***"), status);
        assertFalse((r.all() + status).contains("shh-51x50q"));
    }
}
