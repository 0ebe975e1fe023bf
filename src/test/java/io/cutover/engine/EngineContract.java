package io.cutover.engine;

import static io.cutover.engine.CutoverCli.runById;
import static io.cutover.engine.CutoverCli.task;
import static io.cutover.engine.CutoverCli.taskStates;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import io.cutover.engine.CutoverCli.Result;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * What a run must do on every target database, seen as an operator sees it: the exit code, the
 * rows in the target (and its {@code cutover_history}), and {@code status --format json}. The CLI
 * runs in-process against a private H2 state store; one small subclass per database.
 */
abstract class EngineContract {
    /** A target database and the credentials that reach it. */
    protected record Target(String url, String user, String password) { }

    /** A fresh, empty target database; {@code password} is the one its user must log in with ("" for the default user). */
    protected abstract Target freshTarget(Path dir, String password);

    /** A statement that sleeps {@code seconds} on this engine; empty when it has none (the timeout test is then skipped). */
    protected abstract Optional<String> sleepStatement(int seconds);

    /** True when DDL runs inside a transaction here (PostgreSQL), so a failing DDL script leaves nothing behind. */
    protected abstract boolean ddlRunsInTransactions();

    @TempDir
    Path dir;
    private Target target;
    private CutoverCli cli;
    private final List<ExecutorService> background = new ArrayList<>();
    private HttpServer server;

    @BeforeEach
    void freshDatabaseAndStateStore() throws Exception {
        target = freshTarget(dir, "");
        cli = new CutoverCli(dir);
        exec("CREATE TABLE audit (seq INT, what VARCHAR(60))");
    }

    @AfterEach
    void stopHelpers() {
        background.forEach(ExecutorService::shutdownNow);
        if (server != null) {
            server.stop(0);
        }
    }

    // ---- a completed run, and running it again ----

    private static final String SHOP = """
            phases:
              - id: schema
                tasks:
                  - id: create-items
                    type: sql
                    datasource: app
                    up: CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(50))
                    down: DROP TABLE items
              - id: data
                tasks:
                  - id: seed-items
                    type: sql
                    datasource: app
                    up: |
                      INSERT INTO items (id, name) VALUES (1, 'apple');
                      INSERT INTO items (id, name) VALUES (2, 'pear');
                    down: DELETE FROM items
                    verify: SELECT COUNT(*) FROM items
                  - id: pear-is-there
                    type: sql
                    datasource: app
                    verify: SELECT COUNT(*) FROM items WHERE name = 'pear'
              - id: extend
                tasks:
                  - id: add-price
                    type: sql
                    datasource: app
                    up: ALTER TABLE items ADD COLUMN price INT
                    down: ALTER TABLE items DROP COLUMN price
            """;

    @Test
    void aMultiPhasePlanCompletesAndASecondRunDoesNothing() throws Exception {
        Path plan = plan("shop", SHOP);
        Result first = cli.cutover("run", plan.toString());
        assertEquals(0, first.code(), first.all());

        JsonNode run = cli.onlyRun();
        assertEquals("completed", run.get("state").asString());
        assertEquals("shop", run.get("plan").asString());
        assertTrue(run.get("started_at").isString() && run.get("ended_at").isString(), run.toString());
        assertTrue(run.get("trigger").isNull(), "no trigger fired");
        for (String key : List.of("phase", "id", "item", "state", "rows", "started_at", "ended_at", "message")) {
            assertTrue(run.get("tasks").get(0).has(key), "cli.md names '" + key + "' for a task: " + run.get("tasks").get(0));
        }
        assertEquals("schema", task(run, "create-items").get("phase").asString());
        assertEquals(Map.of("create-items", "succeeded", "seed-items", "succeeded", "pear-is-there", "succeeded",
                "add-price", "succeeded"), taskStates(run));
        String runId = run.get("id").asString();
        assertEquals(List.of("add-price " + runId, "create-items " + runId, "seed-items " + runId),
                query("SELECT task_id, run_id FROM cutover_history ORDER BY task_id"),
                "one history row per task that changes something; the check-only task has none");
        List<String> history = query("SELECT task_id, item, checksum, run_id FROM cutover_history ORDER BY task_id");
        List<String> items = query("SELECT id, name, price FROM items ORDER BY id");
        assertEquals(List.of("1 apple null", "2 pear null"), items);

        Result second = cli.cutover("run", plan.toString());
        assertEquals(0, second.code(), second.all());
        assertTrue(second.all().contains("nothing to do"), second.all());
        assertEquals(history, query("SELECT task_id, item, checksum, run_id FROM cutover_history ORDER BY task_id"));
        assertEquals(items, query("SELECT id, name, price FROM items ORDER BY id"));
        assertEquals(1, cli.status().get("runs").size(), "a run with nothing to do leaves no run behind");
    }

    // ---- failure and rollback ----

    private static final String THREE_PHASES = """
            phases:
              - id: one
                tasks:
                  - id: make-a
                    type: sql
                    datasource: app
                    up: CREATE TABLE t_a (id INT)
                    down: |
                      DROP TABLE t_a;
                      INSERT INTO audit (seq, what) SELECT COUNT(*) + 1, 'undo make-a' FROM audit;
                  - id: make-b
                    type: sql
                    datasource: app
                    up: CREATE TABLE t_b (id INT)
                    down: |
                      DROP TABLE t_b;
                      INSERT INTO audit (seq, what) SELECT COUNT(*) + 1, 'undo make-b' FROM audit;
              - id: two
                tasks:
                  - id: fill-a
                    type: sql
                    datasource: app
                    up: INSERT INTO t_a (id) VALUES (1)
                    down: |
                      DELETE FROM t_a;
                      INSERT INTO audit (seq, what) SELECT COUNT(*) + 1, 'undo fill-a' FROM audit;
              - id: three
                tasks:
                  - id: broken
                    type: sql
                    datasource: app
                    up: INSERT INTO t_missing (id) VALUES (1)
                    down: DELETE FROM t_missing
            """;

    @Test
    void aFailureInPhaseThreeUndoesPhasesOneAndTwoNewestFirst() throws Exception {
        Result r = cli.cutover("run", plan("three", THREE_PHASES).toString());
        assertEquals(1, r.code(), r.all());

        assertEquals(List.of("undo fill-a", "undo make-b", "undo make-a"), audit(), "the rollback stack, newest first");
        assertFalse(tableExists("t_a"));
        assertFalse(tableExists("t_b"));
        assertEquals(List.of(), query("SELECT task_id FROM cutover_history"));
        JsonNode run = cli.onlyRun();
        assertEquals("rolled_back", run.get("state").asString());
        assertEquals(Map.of("make-a", "rolled_back", "make-b", "rolled_back", "fill-a", "rolled_back", "broken", "failed"),
                taskStates(run));
        assertTrue(task(run, "broken").get("message").asString().contains("t_missing"), "the database's words reach the operator");
    }

    @Test
    void onFailureStopLeavesTheRunFailedAndAFixedPlanResumesIt() throws Exception {
        String broken = """
                phases:
                  - id: schema
                    tasks:
                      - id: create-items
                        type: sql
                        datasource: app
                        up: CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(50))
                        down: DROP TABLE items
                  - id: data
                    on_failure: stop
                    tasks:
                      - id: seed-items
                        type: sql
                        datasource: app
                        up: INSERT INTO itemz (id, name) VALUES (1, 'apple')
                        down: DELETE FROM items
                """;
        Path plan = plan("stopper", broken);
        Result failed = cli.cutover("run", plan.toString());
        assertEquals(1, failed.code(), failed.all());
        JsonNode run = cli.onlyRun();
        String runId = run.get("id").asString();
        assertEquals("failed", run.get("state").asString());
        assertEquals(Map.of("create-items", "succeeded", "seed-items", "failed"), taskStates(run));
        assertTrue(tableExists("items"), "nothing is undone");
        assertEquals(List.of("create-items"), query("SELECT task_id FROM cutover_history"));

        plan("stopper", broken.replace("INTO itemz", "INTO items"));
        Result resumed = cli.cutover("run", plan.toString());
        assertEquals(0, resumed.code(), resumed.all());
        assertTrue(resumed.out().contains("resuming run " + runId), resumed.out());
        run = cli.onlyRun();
        assertEquals(runId, run.get("id").asString(), "the same run goes on");
        assertEquals("completed", run.get("state").asString());
        assertEquals(Map.of("create-items", "succeeded", "seed-items", "succeeded"), taskStates(run));
        assertEquals(List.of("1 apple"), query("SELECT id, name FROM items"));
        assertEquals(List.of("create-items " + runId, "seed-items " + runId),
                query("SELECT task_id, run_id FROM cutover_history ORDER BY task_id"));
    }

    @Test
    void aForeachItemThatFailsUndoesTheItemsAlreadyDone() throws Exception {
        exec("CREATE TABLE regions (name VARCHAR(20) PRIMARY KEY)", "INSERT INTO regions (name) VALUES ('beta')");
        String phases = """
                phases:
                  - id: prepare
                    tasks:
                      - id: make-log
                        type: sql
                        datasource: app
                        up: CREATE TABLE region_log (name VARCHAR(20))
                        down: |
                          DROP TABLE region_log;
                          INSERT INTO audit (seq, what) SELECT COUNT(*) + 1, 'undo make-log' FROM audit;
                  - id: regions
                    foreach: [alpha, beta, gamma]
                    tasks:
                      - id: log-region
                        type: sql
                        datasource: app
                        up: INSERT INTO region_log (name) VALUES ('${item}')
                        down: |
                          DELETE FROM region_log WHERE name = '${item}';
                          INSERT INTO audit (seq, what) SELECT COUNT(*) + 1, 'undo log-region ${item}' FROM audit;
                      - id: add-region
                        type: sql
                        datasource: app
                        up: INSERT INTO regions (name) VALUES ('${item}')
                        down: |
                          DELETE FROM regions WHERE name = '${item}';
                          INSERT INTO audit (seq, what) SELECT COUNT(*) + 1, 'undo add-region ${item}' FROM audit;
                """;
        Result r = cli.cutover("run", plan("regions", phases).toString());
        assertEquals(1, r.code(), r.all());

        assertEquals(List.of("undo log-region beta", "undo add-region alpha", "undo log-region alpha", "undo make-log"), audit());
        assertEquals(List.of("beta"), query("SELECT name FROM regions"), "alpha is undone; beta was there before");
        assertFalse(tableExists("region_log"));
        assertEquals(List.of(), query("SELECT task_id FROM cutover_history"));
        JsonNode run = cli.onlyRun();
        assertEquals("rolled_back", run.get("state").asString());
        Map<String, String> states = taskStates(run);
        assertEquals("rolled_back", states.get("add-region[alpha]"));
        assertEquals("rolled_back", states.get("log-region[alpha]"));
        assertEquals("rolled_back", states.get("log-region[beta]"));
        assertEquals("failed", states.get("add-region[beta]"));
        assertTrue(states.getOrDefault("log-region[gamma]", "pending").equals("pending"), "gamma never ran: " + states);
    }

    @Test
    void aVerifyThatFailsAfterUpAppliedRunsTheDownToo() throws Exception {
        String phases = """
                phases:
                  - id: schema
                    tasks:
                      - id: create-items
                        type: sql
                        datasource: app
                        up: CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(50))
                        down: DROP TABLE items
                  - id: data
                    tasks:
                      - id: seed-items
                        type: sql
                        datasource: app
                        up: INSERT INTO items (id, name) VALUES (1, 'apple')
                        down: |
                          DELETE FROM items;
                          INSERT INTO audit (seq, what) SELECT COUNT(*) + 1, 'undo seed-items' FROM audit;
                        verify: SELECT COUNT(*) FROM items WHERE name = 'pear'
                """;
        Result r = cli.cutover("run", plan("verified", phases).toString());
        assertEquals(1, r.code(), r.all());

        assertEquals(List.of("undo seed-items"), audit(), "the task whose verify failed counts as applied");
        assertFalse(tableExists("items"));
        assertEquals(List.of(), query("SELECT task_id FROM cutover_history"));
        JsonNode run = cli.onlyRun();
        assertEquals("rolled_back", run.get("state").asString());
        assertEquals("rolled_back", taskStates(run).get("seed-items"));
        assertTrue(task(run, "seed-items").get("message").asString().contains("verify failed"),
                task(run, "seed-items").toString());
    }

    @Test
    void aScriptThatFailsMidwayIsUndoneWhenItRanStatementByStatement() throws Exception {
        String phases = """
                phases:
                  - id: schema
                    tasks:
                      - id: make-twice
                        type: sql
                        datasource: app
                        up: |
                          CREATE TABLE t_first (id INT);
                          CREATE TABLE t_first (id INT);
                        down: |
                          DROP TABLE IF EXISTS t_first;
                          INSERT INTO audit (seq, what) SELECT COUNT(*) + 1, 'undo make-twice' FROM audit;
                """;
        Result r = cli.cutover("run", plan("midway", phases).toString());
        assertEquals(1, r.code(), r.all());

        assertFalse(tableExists("t_first"), "nothing of the failed script is left");
        assertEquals(List.of(), query("SELECT task_id FROM cutover_history"));
        JsonNode run = cli.onlyRun();
        assertEquals("rolled_back", run.get("state").asString());
        if (ddlRunsInTransactions()) {
            assertEquals(List.of(), audit(), "the script's transaction rolled back, so its down does not run");
            assertEquals("failed", taskStates(run).get("make-twice"));
        } else {
            assertEquals(List.of("undo make-twice"), audit(), "half applied statement by statement: its down runs");
            assertEquals("rolled_back", taskStates(run).get("make-twice"));
        }
    }

    @Test
    void aRollbackThatFailsExitsFourSaysWhatIsLeftAndCanBeFinishedLater() throws Exception {
        String phases = """
                phases:
                  - id: one
                    tasks:
                      - id: make-a
                        type: sql
                        datasource: app
                        up: CREATE TABLE t_a (id INT)
                        down: DROP TABLE t_gone
                      - id: make-b
                        type: sql
                        datasource: app
                        up: CREATE TABLE t_b (id INT)
                        down: |
                          DROP TABLE t_b;
                          INSERT INTO audit (seq, what) SELECT COUNT(*) + 1, 'undo make-b' FROM audit;
                  - id: two
                    tasks:
                      - id: broken
                        type: sql
                        datasource: app
                        up: INSERT INTO t_missing (id) VALUES (1)
                        down: DELETE FROM t_missing
                """;
        Path plan = plan("stuck", phases);
        Result r = cli.cutover("run", plan.toString());
        assertEquals(4, r.code(), r.all());
        assertTrue(r.err().contains("make-a"), "the message says what is left: " + r.err());
        assertEquals(List.of("undo make-b"), audit());
        assertTrue(tableExists("t_a"));
        assertEquals(List.of("make-a"), query("SELECT task_id FROM cutover_history"));
        JsonNode run = cli.onlyRun();
        assertEquals("rollback_failed", run.get("state").asString());
        assertEquals("rolled_back", taskStates(run).get("make-b"));
        assertNotEquals("rolled_back", taskStates(run).get("make-a"));

        plan("stuck", phases.replace("DROP TABLE t_gone", "DROP TABLE t_a"));
        Result finish = cli.cutover("rollback", plan.toString());
        assertEquals(0, finish.code(), finish.all());
        assertFalse(tableExists("t_a"));
        assertEquals(List.of(), query("SELECT task_id FROM cutover_history"));
        assertEquals("rolled_back", cli.onlyRun().get("state").asString());
    }

    @Test
    void aVerifyThatFailedUnderOnFailureStopPassesOnResumeWithoutRunningUpAgain() throws Exception {
        String phases = """
                phases:
                  - id: schema
                    tasks:
                      - id: create-items
                        type: sql
                        datasource: app
                        up: CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(50))
                        down: DROP TABLE items
                  - id: data
                    on_failure: stop
                    tasks:
                      - id: seed-items
                        type: sql
                        datasource: app
                        up: INSERT INTO items (id, name) VALUES (1, 'apple')
                        down: DELETE FROM items
                        verify: SELECT COUNT(*) FROM items WHERE name = 'pear'
                """;
        Path plan = plan("fixed-by-hand", phases);
        Result failed = cli.cutover("run", plan.toString());
        assertEquals(1, failed.code(), failed.all());
        assertEquals("failed", cli.onlyRun().get("state").asString());
        assertEquals(List.of("create-items", "seed-items"), query("SELECT task_id FROM cutover_history ORDER BY task_id"),
                "its up applied: it counts as applied");

        exec("INSERT INTO items (id, name) VALUES (2, 'pear')");
        Result resumed = cli.cutover("run", plan.toString());
        assertEquals(0, resumed.code(), resumed.all());
        assertEquals("completed", cli.onlyRun().get("state").asString());
        assertEquals(List.of("1 apple", "2 pear"), query("SELECT id, name FROM items ORDER BY id"), "up did not run twice");
    }

    // ---- drift ----

    @Test
    void aChangedAppliedTaskIsDriftRefusedUnlessAllowed() throws Exception {
        Path plan = plan("drifty", SHOP);
        assertEquals(0, cli.cutover("run", plan.toString()).code());
        List<String> history = query("SELECT task_id, checksum, run_id FROM cutover_history ORDER BY task_id");
        List<String> items = query("SELECT id, name FROM items ORDER BY id");

        plan("drifty", SHOP.replace("VALUES (2, 'pear')", "VALUES (2, 'plum')"));
        Result refused = cli.cutover("run", plan.toString());
        assertEquals(2, refused.code(), refused.all());
        assertTrue(refused.err().contains("seed-items"), refused.err());
        assertFalse(refused.err().contains("create-items"), "only the changed task is named: " + refused.err());
        assertEquals(history, query("SELECT task_id, checksum, run_id FROM cutover_history ORDER BY task_id"));
        assertEquals(items, query("SELECT id, name FROM items ORDER BY id"));
        assertEquals(1, cli.status().get("runs").size(), "no run started");

        Result allowed = cli.cutover("run", "--allow-drift", plan.toString());
        assertEquals(0, allowed.code(), allowed.all());
        assertTrue(allowed.out().contains("drift") && allowed.out().contains("seed-items"), allowed.out());
        assertEquals(items, query("SELECT id, name FROM items ORDER BY id"), "a drifted task is not run again");
        Map<String, String> before = checksums(history);
        Map<String, String> after = checksums(query("SELECT task_id, checksum, run_id FROM cutover_history ORDER BY task_id"));
        assertNotEquals(before.get("seed-items"), after.get("seed-items"), "the new checksum is recorded");
        assertEquals(before.get("create-items"), after.get("create-items"));
        Result calm = cli.cutover("run", plan.toString());
        assertEquals(0, calm.code(), "once recorded, the new definition is no drift: " + calm.all());
    }

    @Test
    void descriptionEstimateTimeoutAndRetriesAreNotDrift() throws Exception {
        Path plan = plan("calm", SHOP);
        assertEquals(0, cli.cutover("run", plan.toString()).code());
        List<String> history = query("SELECT task_id, checksum, run_id FROM cutover_history ORDER BY task_id");

        plan("calm", SHOP.replace("""
                      - id: seed-items
                        type: sql
                """, """
                      - id: seed-items
                        description: Two fruits to start with
                        estimate: 1m
                        timeout: 30s
                        retries: {attempts: 2, backoff: 1s}
                        type: sql
                """));
        Result r = cli.cutover("run", plan.toString());
        assertEquals(0, r.code(), r.all());
        assertTrue(r.all().contains("nothing to do"), r.all());
        assertEquals(history, query("SELECT task_id, checksum, run_id FROM cutover_history ORDER BY task_id"));
    }

    // ---- cutover rollback ----

    private static final String AUDITED = """
            phases:
              - id: one
                tasks:
                  - id: make-a
                    type: sql
                    datasource: app
                    up: CREATE TABLE t_a (id INT)
                    down: |
                      DROP TABLE t_a;
                      INSERT INTO audit (seq, what) SELECT COUNT(*) + 1, 'undo make-a' FROM audit;
                  - id: fill-a
                    type: sql
                    datasource: app
                    up: INSERT INTO t_a (id) VALUES (1)
                    down: |
                      DELETE FROM t_a;
                      INSERT INTO audit (seq, what) SELECT COUNT(*) + 1, 'undo fill-a' FROM audit;
            """;

    private static final String AUDITED_PHASE_TWO = """
              - id: two
                tasks:
                  - id: make-b
                    type: sql
                    datasource: app
                    up: CREATE TABLE t_b (id INT)
                    down: |
                      DROP TABLE t_b;
                      INSERT INTO audit (seq, what) SELECT COUNT(*) + 1, 'undo make-b' FROM audit;
            """;

    @Test
    void rollbackAfterACompletedRunUndoesEverythingNewestFirst() throws Exception {
        Path plan = plan("undoable", AUDITED + AUDITED_PHASE_TWO);
        assertEquals(0, cli.cutover("run", plan.toString()).code());
        assertEquals(List.of("1"), query("SELECT id FROM t_a"));

        Result r = cli.cutover("rollback", plan.toString());
        assertEquals(0, r.code(), r.all());
        assertEquals(List.of("undo make-b", "undo fill-a", "undo make-a"), audit());
        assertFalse(tableExists("t_a"));
        assertFalse(tableExists("t_b"));
        assertEquals(List.of(), query("SELECT task_id FROM cutover_history"));
        JsonNode run = cli.onlyRun();
        assertEquals("rolled_back", run.get("state").asString());
        assertEquals(Map.of("make-a", "rolled_back", "fill-a", "rolled_back", "make-b", "rolled_back"), taskStates(run));
    }

    @Test
    void rollbackOfOneRunUndoesOnlyWhatThatRunApplied() throws Exception {
        Path plan = plan("two-runs", AUDITED);
        assertEquals(0, cli.cutover("run", plan.toString()).code());
        String firstRun = cli.onlyRun().get("id").asString();
        plan("two-runs", AUDITED + AUDITED_PHASE_TWO);
        Result second = cli.cutover("run", plan.toString());
        assertEquals(0, second.code(), second.all());
        JsonNode runs = cli.status().get("runs");
        assertEquals(2, runs.size());
        String secondRun = runs.get(0).get("id").asString();
        assertNotEquals(firstRun, secondRun);

        Result r = cli.cutover("rollback", "--run", secondRun, plan.toString());
        assertEquals(0, r.code(), r.all());
        assertEquals(List.of("undo make-b"), audit());
        assertFalse(tableExists("t_b"));
        assertEquals(List.of("1"), query("SELECT id FROM t_a"), "the first run's work stays");
        assertEquals(List.of("fill-a " + firstRun, "make-a " + firstRun),
                query("SELECT task_id, run_id FROM cutover_history ORDER BY task_id"));
        runs = cli.status().get("runs");
        assertEquals("rolled_back", runById(runs, secondRun).get("state").asString());
        assertEquals("completed", runById(runs, firstRun).get("state").asString());
    }

    @Test
    void aFailingRunUndoesOnlyWhatItAppliedNotTheWorkOfEarlierRuns() throws Exception {
        Path plan = plan("layers", AUDITED);
        assertEquals(0, cli.cutover("run", plan.toString()).code());
        String firstRun = cli.onlyRun().get("id").asString();
        plan("layers", AUDITED + AUDITED_PHASE_TWO + """
                  - id: three
                    tasks:
                      - id: broken
                        type: sql
                        datasource: app
                        up: INSERT INTO t_missing (id) VALUES (1)
                        down: DELETE FROM t_missing
                """);
        Result r = cli.cutover("run", plan.toString());
        assertEquals(1, r.code(), r.all());

        assertEquals(List.of("undo make-b"), audit(), "plan-format.md: on_failure undoes the applied tasks of the run");
        assertEquals(List.of("1"), query("SELECT id FROM t_a"));
        assertEquals(List.of("fill-a " + firstRun, "make-a " + firstRun),
                query("SELECT task_id, run_id FROM cutover_history ORDER BY task_id"));
        JsonNode runs = cli.status().get("runs");
        assertEquals("rolled_back", runs.get(0).get("state").asString());
        assertEquals("completed", runById(runs, firstRun).get("state").asString());
    }

    // ---- retries and timeouts ----

    private static final String FLAKY = """
            phases:
              - id: warm-up
                tasks:
                  - id: flaky
                    type: shell
                    run: 'n=$(cat attempts.txt 2>/dev/null || echo 0); n=$((n+1)); echo $n > attempts.txt; echo "attempt $n"; [ "$n" -ge 3 ]'
                    down: rm -f attempts.txt
                    retries: {attempts: ATTEMPTS, backoff: 10ms}
                  - id: note
                    type: sql
                    datasource: app
                    up: INSERT INTO audit (seq, what) VALUES (1, 'warm')
                    down: DELETE FROM audit
            """;

    @Test
    void aTaskThatFailsTwiceSucceedsOnItsThirdAttempt() throws Exception {
        Result r = cli.cutover("run", plan("flaky", FLAKY.replace("ATTEMPTS", "3")).toString());
        assertEquals(0, r.code(), r.all());
        assertEquals("3", Files.readString(dir.resolve("attempts.txt")).trim());
        assertTrue(r.out().contains("attempt 3 of 3"), r.out());
        assertEquals("completed", cli.onlyRun().get("state").asString());
        assertEquals(List.of("warm"), audit());
    }

    @Test
    void aTaskThatFailsTwiceFailsWithTwoAttempts() throws Exception {
        Result r = cli.cutover("run", plan("flaky", FLAKY.replace("ATTEMPTS", "2")).toString());
        assertEquals(1, r.code(), r.all());
        assertEquals("2", Files.readString(dir.resolve("attempts.txt")).trim(), "no third attempt");
        JsonNode run = cli.onlyRun();
        assertEquals("failed", taskStates(run).get("flaky"));
        assertEquals(List.of(), audit(), "the task after it never ran");
    }

    @Test
    void aStatementPastItsTimeoutFailsWithinSeconds() throws Exception {
        Optional<String> sleep = sleepStatement(30);
        assumeTrue(sleep.isPresent(), "this engine has no sleep function");
        String phases = """
                phases:
                  - id: slow
                    tasks:
                      - id: before
                        type: sql
                        datasource: app
                        up: CREATE TABLE before_nap (n INT)
                        down: DROP TABLE before_nap
                      - id: nap
                        type: sql
                        datasource: app
                        timeout: 1s
                        up: SLEEP
                        down: SELECT 1
                """.replace("SLEEP", sleep.get());
        long start = System.nanoTime();
        Result r = cli.cutover("run", plan("sleepy", phases).toString());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(1, r.code(), r.all());
        assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "took " + took);
        JsonNode nap = task(cli.onlyRun(), "nap");
        assertEquals("failed", nap.get("state").asString());
        assertTrue(nap.get("message").asString().contains("timeout"), nap.toString());
        assertTrue(r.all().contains("timeout"), r.all());
        // The run goes on after the deadline, on the same thread, to its rollback: the task before is undone.
        assertEquals("rolled_back", task(cli.onlyRun(), "before").get("state").asString(), r.all());
        assertFalse(tableExists("before_nap"), r.all());
    }

    // ---- secrets ----

    private static final String PASSWORD = "pw-Kq7vX2mZ";
    private static final String TOKEN = "tok-Zr8wQ3nL";

    @Test
    void secretValuesNeverShowEvenWhenTheDatabaseEchoesThem() throws Exception {
        target = freshTarget(dir, PASSWORD);
        exec("CREATE TABLE nums (n INT)");
        String text = """
                cutover: 1
                name: secretive
                datasources:
                  app:
                    url: "URL"
                    user: "USER"
                    password: "${secret.CUTOVER_ENGINE_TEST_DB_PASSWORD:-PASSWORD}"
                phases:
                  - id: load
                    tasks:
                      - id: load-token
                        type: sql
                        datasource: app
                        up: |
                          INSERT INTO nums (n) VALUES ('${secret.CUTOVER_ENGINE_TEST_TOKEN:-TOKEN}');
                        down: DELETE FROM nums
                """.replace("URL", target.url()).replace("USER", target.user()).replace("PASSWORD", PASSWORD)
                .replace("TOKEN", TOKEN);
        Path plan = dir.resolve("secretive.yaml");
        Files.writeString(plan, text);

        Result run = cli.cutover("run", plan.toString());
        assertEquals(1, run.code(), run.all());
        Result json = cli.cutover("status", "--format", "json");
        Result table = cli.cutover("status");
        Result dry = cli.cutover("plan", plan.toString());
        JsonNode task = task(cli.onlyRun(), "load-token");
        assertTrue(task.get("message").asString().contains("***"), "the echoed value is masked, not dropped: " + task);
        for (Result r : List.of(run, json, table, dry)) {
            assertNoSecret(r.out());
            assertNoSecret(r.err());
        }
        String store = stateStoreText();
        assertTrue(store.contains("load-token"), "the state store was read");
        assertNoSecret(store);
    }

    private static void assertNoSecret(String text) {
        assertFalse(text.contains(PASSWORD), "the password shows: " + text);
        assertFalse(text.contains(TOKEN), "the token shows: " + text);
    }

    // ---- shell ----

    @Test
    void shellTasksRunPerItemWithEnvAndWorkdirAndUndoWithDown() throws Exception {
        Files.createDirectories(dir.resolve("conf"));
        String phases = """
                phases:
                  - id: services
                    foreach: [billing, search]
                    tasks:
                      - id: write-config
                        type: shell
                        workdir: conf
                        env: {SERVICE: "${item}", GREETING: hello}
                        run: 'echo "$GREETING $SERVICE" > "${item}.conf" && echo "wrote the config"'
                        down: 'rm "${item}.conf"'
                        expect: {exit: 0, stdout_contains: wrote the config}
                  - id: checks
                    tasks:
                      - id: exits-three
                        type: shell
                        changes: false
                        run: 'test -f conf/billing.conf && exit 3'
                        expect: {exit: 3}
                """;
        Path plan = plan("shells", phases);
        Result r = cli.cutover("run", plan.toString());
        assertEquals(0, r.code(), r.all());
        assertEquals("hello billing", Files.readString(dir.resolve("conf/billing.conf")).trim());
        assertEquals("hello search", Files.readString(dir.resolve("conf/search.conf")).trim());
        assertEquals("completed", cli.onlyRun().get("state").asString());

        Result undo = cli.cutover("rollback", plan.toString());
        assertEquals(0, undo.code(), undo.all());
        assertFalse(Files.exists(dir.resolve("conf/billing.conf")));
        assertFalse(Files.exists(dir.resolve("conf/search.conf")));
    }

    @Test
    void aFailingCommandShowsItsExitCodeAndLastOutputLines() throws Exception {
        String phases = """
                phases:
                  - id: checks
                    tasks:
                      - id: noisy
                        type: shell
                        changes: false
                        run: 'for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25; do echo "line $i"; done; echo "disk full" >&2; exit 7'
                """;
        Result r = cli.cutover("run", plan("noisy", phases).toString());
        assertEquals(1, r.code(), r.all());
        String message = task(cli.onlyRun(), "noisy").get("message").asString();
        assertTrue(message.contains("exit code: 7 (expected 0)"), message);
        assertTrue(message.contains("line 25") && message.contains("line 24") && message.contains("disk full"), message);
        assertTrue(r.out().contains("disk full"), "the failure block shows the output: " + r.out());
    }

    @Test
    void aCommandWhoseOutputLacksTheExpectedTextFails() throws Exception {
        String phases = """
                phases:
                  - id: checks
                    tasks:
                      - id: not-ready
                        type: shell
                        changes: false
                        run: echo still starting
                        expect: {stdout_contains: ready}
                """;
        Result r = cli.cutover("run", plan("lacking", phases).toString());
        assertEquals(1, r.code(), r.all());
        String message = task(cli.onlyRun(), "not-ready").get("message").asString();
        assertTrue(message.contains("ready"), message);
    }

    // ---- http ----

    @Test
    void httpTasksCheckTheAnswerAndSendTheirDownRequestOnRollback() throws Exception {
        List<String> seen = startServer();
        String phases = """
                phases:
                  - id: flags
                    tasks:
                      - id: health
                        type: http
                        url: BASE/health
                        expect: {status: 200, body_contains: ok}
                      - id: enable-flag
                        type: http
                        method: POST
                        url: BASE/flags
                        headers: {Content-Type: application/json}
                        body: '{"flag": "new-checkout", "run": "${run.id}"}'
                        expect: {status: 201, body_contains: created}
                        down:
                          method: DELETE
                          url: BASE/flags/new-checkout
                          expect: {status: 204}
                  - id: check
                    tasks:
                      - id: never-true
                        type: sql
                        datasource: app
                        verify: SELECT 0
                """.replace("BASE", base());
        Result r = cli.cutover("run", plan("flags", phases).toString());
        assertEquals(1, r.code(), r.all());
        JsonNode run = cli.onlyRun();
        String runId = run.get("id").asString();
        assertEquals(List.of("GET /health ", "POST /flags {\"flag\": \"new-checkout\", \"run\": \"" + runId + "\"}",
                "DELETE /flags/new-checkout "), seen);
        assertEquals("rolled_back", run.get("state").asString());
        assertEquals(Map.of("health", "succeeded", "enable-flag", "rolled_back", "never-true", "failed"), taskStates(run));
    }

    @Test
    void anHttpAnswerWithTheWrongStatusFailsTheTask() throws Exception {
        startServer();
        String phases = """
                phases:
                  - id: flags
                    tasks:
                      - id: missing
                        type: http
                        url: BASE/nowhere
                        expect: {status: 200}
                """.replace("BASE", base());
        Result r = cli.cutover("run", plan("missing", phases).toString());
        assertEquals(1, r.code(), r.all());
        String message = task(cli.onlyRun(), "missing").get("message").asString();
        assertTrue(message.contains("404"), message);
    }

    // ---- approvals ----

    private static final String APPROVED = """
            phases:
              - id: prepare
                tasks:
                  - id: create-items
                    type: sql
                    datasource: app
                    up: CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(50))
                    down: DROP TABLE items
              - id: gate
                tasks:
                  - id: go
                    type: approval
                    prompt: Go for cutover?
                    timeout: 60s
              - id: switch
                tasks:
                  - id: seed-items
                    type: sql
                    datasource: app
                    up: INSERT INTO items (id, name) VALUES (1, 'apple')
                    down: DELETE FROM items
            """;

    @Test
    void aRunWaitsAtAnApprovalUntilApproved() throws Exception {
        Path plan = plan("gated", APPROVED);
        cli.status(); // the store exists before two commands use it at once (see NoDatabaseEngineTest for the race)
        Future<Result> running = inBackground(() -> cli.cutover("run", plan.toString()));
        JsonNode waiting = pollUntilWaiting(running);
        String runId = waiting.get("id").asString();
        assertEquals("waiting", taskStates(waiting).get("go"));
        assertEquals(List.of(), query("SELECT id FROM items"), "the task after the approval has not run");

        Result approve = cli.cutover("approve", runId, "go");
        assertEquals(0, approve.code(), approve.all());
        Result r = running.get(30, TimeUnit.SECONDS);
        assertEquals(0, r.code(), r.all());
        JsonNode run = cli.onlyRun();
        assertEquals("completed", run.get("state").asString());
        assertEquals("succeeded", taskStates(run).get("go"));
        assertEquals(List.of("1 apple"), query("SELECT id, name FROM items"));
    }

    @Test
    void ackAtStartPassesAnApproval() throws Exception {
        long start = System.nanoTime();
        Result r = cli.cutover("run", "--ack", "go", plan("acked", APPROVED).toString());
        assertEquals(0, r.code(), r.all());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(20)) < 0, "no wait");
        assertEquals("completed", cli.onlyRun().get("state").asString());
        assertEquals(List.of("1 apple"), query("SELECT id, name FROM items"));
    }

    @Test
    void anApprovalThatTimesOutBeforeAnyChangeRefusesWithExitThree() throws Exception {
        String phases = """
                phases:
                  - id: gate
                    tasks:
                      - id: go
                        type: approval
                        prompt: Go for cutover?
                        timeout: 2s
                  - id: switch
                    tasks:
                      - id: create-items
                        type: sql
                        datasource: app
                        up: CREATE TABLE items (id INT PRIMARY KEY)
                        down: DROP TABLE items
                """;
        Path plan = plan("unapproved", phases);
        long start = System.nanoTime();
        Result r = cli.cutover("run", plan.toString());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(3, r.code(), r.all());
        assertTrue(took.compareTo(Duration.ofMillis(1500)) >= 0 && took.compareTo(Duration.ofSeconds(15)) < 0, "took " + took);
        assertTrue(r.err().contains("approval timed out"), r.err());
        assertFalse(tableExists("items"));
        assertEquals("failed", taskStates(cli.onlyRun()).get("go"));

        Result acked = cli.cutover("run", "--ack", "go", plan.toString());
        assertEquals(0, acked.code(), "approved at last, the run goes on: " + acked.all());
        assertEquals("completed", cli.status().get("runs").get(0).get("state").asString());
        assertTrue(tableExists("items"));
    }

    // ---- checklist ----

    @Test
    void theChecklistRefusesToStartUntilChecksPassAndManualItemsAreAcknowledged() throws Exception {
        exec("CREATE TABLE backup_log (id INT)");
        String text = """
                checklist:
                  - id: backup
                    text: A backup was taken
                    datasource: app
                    sql: SELECT COUNT(*) FROM backup_log
                  - id: stakeholders
                    text: Stakeholders notified
                    manual: true
                phases:
                  - id: schema
                    tasks:
                      - id: create-items
                        type: sql
                        datasource: app
                        up: CREATE TABLE items (id INT PRIMARY KEY)
                        down: DROP TABLE items
                """;
        Path plan = plan("gated", text);
        Result both = cli.cutover("run", plan.toString());
        assertEquals(3, both.code(), both.all());
        assertTrue(both.err().contains("backup") && both.err().contains("stakeholders"), both.err());
        assertTrue(both.err().contains("--ack stakeholders"), both.err());

        exec("INSERT INTO backup_log (id) VALUES (1)");
        Result manual = cli.cutover("run", plan.toString());
        assertEquals(3, manual.code(), manual.all());
        assertTrue(manual.err().contains("stakeholders"), manual.err());
        assertFalse(manual.err().contains("backup ("), "the passing check is not named: " + manual.err());
        assertFalse(tableExists("items"));
        assertEquals(0, cli.status().get("runs").size(), "no run started");

        Result acked = cli.cutover("run", "--ack", "stakeholders", plan.toString());
        assertEquals(0, acked.code(), acked.all());
        assertTrue(tableExists("items"));
    }

    // ---- helpers ----

    /** Writes a plan named {@code name} with the target as datasource {@code app}, then {@code body}. */
    private Path plan(String name, String body) throws Exception {
        String header = "cutover: 1\nname: " + name + "\ndatasources:\n  app:\n    url: \"" + target.url() + "\"\n    user: \""
                + target.user() + "\"\n    password: \"" + target.password() + "\"\n";
        Path file = dir.resolve("plan.yaml");
        Files.writeString(file, header + body);
        return file;
    }

    private static Map<String, String> checksums(List<String> historyRows) {
        Map<String, String> out = new LinkedHashMap<>();
        historyRows.forEach(row -> out.put(row.split(" ")[0], row.split(" ")[1]));
        return out;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(target.url(), target.user(), target.password());
    }

    private void exec(String... statements) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** Each row as its columns' text joined by spaces. */
    private List<String> query(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> cells = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    cells.add(String.valueOf(rs.getString(i)));
                }
                rows.add(String.join(" ", cells));
            }
        }
        return rows;
    }

    private List<String> audit() throws SQLException {
        return query("SELECT what FROM audit ORDER BY seq");
    }

    private boolean tableExists(String table) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.executeQuery("SELECT COUNT(*) FROM " + table).close();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Every cell of every table of the H2 state store, as one text. */
    private String stateStoreText() throws SQLException {
        StringBuilder all = new StringBuilder();
        try (Connection c = DriverManager.getConnection(cli.stateUrl() + ";AUTO_SERVER=TRUE", "sa", "")) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertTrue(tables.contains("CUTOVER_EVENTS"), tables.toString());
            for (String table : tables) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            all.append(rs.getString(i)).append('\t');
                        }
                        all.append('\n');
                    }
                }
            }
        }
        return all.toString();
    }

    private <T> Future<T> inBackground(java.util.concurrent.Callable<T> work) {
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "engine-test-run");
            t.setDaemon(true);
            return t;
        });
        background.add(executor);
        return executor.submit(work);
    }

    private JsonNode pollUntilWaiting(Future<Result> running) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (running.isDone()) {
                throw new AssertionError("the run ended instead of waiting: " + running.get().all());
            }
            JsonNode runs = cli.status().get("runs");
            if (runs.size() == 1 && runs.get(0).get("state").asString().equals("waiting")) {
                return runs.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the run never showed 'waiting': " + cli.status());
    }

    /** A tiny HTTP service; returns what it was asked, as "METHOD /path body". */
    private List<String> startServer() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            seen.add(method + " " + path + " " + body);
            int status;
            String answer;
            if (method.equals("GET") && path.equals("/health")) {
                status = 200;
                answer = "status: ok";
            } else if (method.equals("POST") && path.equals("/flags")) {
                status = 201;
                answer = "created new-checkout";
            } else if (method.equals("DELETE") && path.equals("/flags/new-checkout")) {
                status = 204;
                answer = "";
            } else {
                status = 404;
                answer = "no such thing";
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.start();
        return seen;
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }
}
