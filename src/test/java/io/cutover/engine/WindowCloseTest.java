package io.cutover.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** A window that closes while the run works in it: on_close decides (plan-format.md). */
class WindowCloseTest {

    /** A one-off window that opened a second ago and closes {@code seconds} later, in UTC. */
    private static Path plan(Path dir, String onClose, int seconds) throws Exception {
        String at = LocalDateTime.now(ZoneOffset.UTC).minusSeconds(1).format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss"));
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, """
                cutover: 1
                name: closing
                window: {at: "%s", duration: %ds, timezone: UTC, on_close: %s}
                phases:
                  - id: first
                    tasks:
                      - {id: a, type: shell, run: "echo a >> done.txt", down: "echo undo-a >> done.txt"}
                      - {id: hold, type: wait, duration: 3s}
                  - id: second
                    tasks:
                      - {id: b, type: shell, run: "echo b >> done.txt", down: "echo undo-b >> done.txt"}
                """.formatted(at, seconds, onClose));
        return plan;
    }

    @Test
    void onCloseStopLeavesTheRunStoppedAndResumable(@TempDir Path dir) throws Exception {
        CutoverCli cli = new CutoverCli(dir);
        CutoverCli.Result r = cli.cutover("run", plan(dir, "stop", 3).toString());
        assertEquals(1, r.code(), r.all());
        assertTrue(r.all().contains("the window closed during the run"), r.all());
        JsonNode run = cli.onlyRun();
        assertEquals("stopped", run.get("state").asString());
        assertEquals("a\n", Files.readString(dir.resolve("done.txt")), "b never started, a stays applied");
    }

    @Test
    void onCloseRollbackUndoesWhatTheRunDid(@TempDir Path dir) throws Exception {
        CutoverCli cli = new CutoverCli(dir);
        CutoverCli.Result r = cli.cutover("run", plan(dir, "rollback", 3).toString());
        assertEquals(1, r.code(), r.all());
        assertEquals("rolled_back", cli.onlyRun().get("state").asString());
        assertEquals("a\nundo-a\n", Files.readString(dir.resolve("done.txt")));
    }

    @Test
    void aRunThatNeverGotInsideTheWindowWaitsForIt(@TempDir Path dir) throws Exception {
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, """
                cutover: 1
                name: later
                window: {at: "2031-03-09T02:00", duration: 2h, timezone: America/New_York}
                phases:
                  - id: prepare
                    anytime: true
                    tasks: [{id: a, type: shell, run: "echo a >> done.txt", down: "true"}]
                  - id: main
                    tasks: [{id: b, type: shell, run: "echo b >> done.txt", down: "true"}]
                """);
        CutoverCli cli = new CutoverCli(dir);
        CutoverCli.Result r = cli.cutover("run", plan.toString());
        assertEquals(3, r.code(), r.all());
        assertTrue(r.all().contains("2031-03-09 03:00 -04:00"), "the next opening, moved out of the DST gap: " + r.all());
        assertEquals("a\n", Files.readString(dir.resolve("done.txt")), "the anytime phase ran, the rest waits");
        assertEquals("waiting", cli.onlyRun().get("state").asString());
    }
}
