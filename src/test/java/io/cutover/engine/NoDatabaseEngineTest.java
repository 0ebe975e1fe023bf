package io.cutover.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.engine.CutoverCli.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs whose tasks touch no database, so that their journal lives in the state store alone: the
 * rules of cli.md hold for them as for SQL tasks with their {@code cutover_history}.
 */
class NoDatabaseEngineTest {
    private static final String PLAN = """
            cutover: 1
            name: files
            phases:
              - id: one
                tasks:
                  - id: write-marker
                    type: shell
                    run: echo v1 > marker.txt
                    down: rm -f marker.txt
            """;

    private static final String GATED = """
            cutover: 1
            name: gated-files
            phases:
              - id: one
                tasks:
                  - id: write-marker
                    type: shell
                    run: echo v1 > marker.txt
                    down: rm -f marker.txt
              - id: gate
                tasks:
                  - id: go
                    type: approval
                    prompt: Go?
                    timeout: TIMEOUT
            """;

    @TempDir
    Path dir;
    private CutoverCli cli;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "engine-test-run");
        t.setDaemon(true);
        return t;
    });

    @BeforeEach
    void stateStore() {
        cli = new CutoverCli(dir);
    }

    @AfterEach
    void stopBackground() {
        background.shutdownNow();
    }

    private Path plan(String text) throws Exception {
        Path file = dir.resolve("files.yaml");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void allowDriftRecordsTheNewChecksumOfATaskWithoutDatasource() throws Exception {
        Path plan = plan(PLAN);
        assertEquals(0, cli.cutover("run", plan.toString()).code());
        plan(PLAN.replace("echo v1", "echo v2"));
        assertEquals(2, cli.cutover("run", plan.toString()).code(), "a changed applied task is drift");

        Result allowed = cli.cutover("run", "--allow-drift", plan.toString());
        assertEquals(0, allowed.code(), allowed.all());
        assertTrue(allowed.out().contains("drift"), allowed.out());
        assertEquals("v1", Files.readString(dir.resolve("marker.txt")).trim(), "not run again");

        Result after = cli.cutover("run", plan.toString());
        assertEquals(0, after.code(), "cli.md: --allow-drift records the new checksum, so the next run finds no drift: "
                + after.all());
    }

    @Test
    void runWithFormatJsonPrintsOneJsonObject() throws Exception {
        Result r = cli.cutover("run", "--format", "json", plan(PLAN).toString());
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().strip().startsWith("{"), "cli.md: --format json prints one JSON object; stdout was:\n" + r.out());
        JsonNode json = JsonMapper.shared().readTree(r.out());
        assertEquals("completed", json.at("/runs/0/state").asString());
        assertEquals("succeeded", json.at("/runs/0/tasks/0/state").asString());
    }

    @Test
    void anApprovalThatTimesOutAfterAChangeRollsTheRunBack() throws Exception {
        Result r = cli.cutover("run", plan(GATED.replace("TIMEOUT", "2s")).toString());
        assertEquals(1, r.code(), "cli.md: exit 3 is for an approval that timed out before anything changed: " + r.all());
        assertEquals("rolled_back", cli.onlyRun().get("state").asString());
        assertTrue(Files.notExists(dir.resolve("marker.txt")), "the change before the approval is undone");
    }

    @Test
    void aSecondProcessIsRefusedWhileARunWaitsAndIsToldWhoHoldsThePlan() throws Exception {
        Path plan = plan(GATED.replace("TIMEOUT", "60s"));
        cli.status(); // the store exists before two commands use it at once (see the test below for the race)
        Future<Result> running = background.submit(() -> cli.cutover("run", plan.toString()));
        String runId = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (runId == null && System.nanoTime() < deadline && !running.isDone()) {
            JsonNode runs = cli.status().get("runs");
            if (runs.size() == 1 && runs.get(0).get("state").asString().equals("waiting")) {
                runId = runs.get(0).get("id").asString();
            }
            Thread.sleep(100);
        }
        assertTrue(runId != null, "the run never waited: " + (running.isDone() ? running.get().all() : cli.status()));

        Path log = dir.resolve("second.log");
        Process second = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "io.cutover.cli.Main",
                "run", "--state", cli.stateUrl(), plan.toString()))
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(second.waitFor(60, TimeUnit.SECONDS), "the second process finished");
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(3, second.exitValue(), output);
        assertTrue(output.contains(runId), "names the holder's run: " + output);
        assertTrue(output.contains(String.valueOf(ProcessHandle.current().pid())), "names the holder's pid: " + output);
        assertTrue(output.contains(Lease.hostName()), "names the holder's host: " + output);

        assertEquals(0, cli.cutover("approve", runId, "go").code());
        Result first = running.get(30, TimeUnit.SECONDS);
        assertEquals(0, first.code(), first.all());
        assertEquals("completed", cli.onlyRun().get("state").asString());
    }

    @Test
    void commandsThatOpenAFreshStateStoreAtTheSameMomentAllWork() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int trial = 0; trial < 30; trial++) {
                CutoverCli fresh = new CutoverCli(dir.resolve("trial-" + trial));
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Result>> results = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    results.add(pool.submit(() -> {
                        go.await();
                        return fresh.cutover("status", "--format", "json");
                    }));
                }
                go.countDown();
                for (Future<Result> f : results) {
                    Result r = f.get(60, TimeUnit.SECONDS);
                    assertEquals(0, r.code(), "cli.md: several cutover processes use one state store at once (a run,"
                            + " status and approve beside it); trial " + trial + ": " + r.all());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
