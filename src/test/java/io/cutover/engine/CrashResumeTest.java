package io.cutover.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed with SIGKILL at random moments of a multi-task phase, then resumed: every task is
 * applied exactly once, whatever the moment. Real child JVMs, real PostgreSQL, the default H2
 * state store. And two runs started at the same instant: exactly one runs.
 */
class CrashResumeTest {
    private static final int TRIALS = 20;
    private static final int WORK_TASKS = 10;
    private static final List<String> ITEMS = List.of("eu", "us", "ap");

    private static String plan(String url) {
        StringBuilder p = new StringBuilder("""
                cutover: 1
                name: crash-resume
                datasources:
                  app: {url: "%s", user: postgres}
                phases:
                  - id: setup
                    tasks:
                      - id: log-table
                        type: sql
                        datasource: app
                        up: CREATE TABLE applied_log (task TEXT NOT NULL, item TEXT NOT NULL DEFAULT '');
                        down: DROP TABLE applied_log;
                  - id: work
                    tasks:
                """.formatted(url));
        for (int i = 1; i <= WORK_TASKS; i++) {
            p.append("""
                          - id: t%d
                            type: sql
                            datasource: app
                            up: "INSERT INTO applied_log(task) VALUES ('t%d'); SELECT pg_sleep(0.08);"
                            down: "DELETE FROM applied_log WHERE task = 't%d'"
                    """.formatted(i, i, i));
        }
        p.append("""
                      - id: index-concurrently
                        type: sql
                        datasource: app
                        up: CREATE INDEX CONCURRENTLY idx_applied_task ON applied_log (task);
                        down: DROP INDEX CONCURRENTLY IF EXISTS idx_applied_task;
                        verify: select count(*) = 1 from pg_indexes where indexname = 'idx_applied_task'
                  - id: regions
                    foreach: [%s]
                    tasks:
                      - id: per-region
                        type: sql
                        datasource: app
                        up: "INSERT INTO applied_log(task, item) VALUES ('per-region', '${item}'); SELECT pg_sleep(0.08);"
                        down: "DELETE FROM applied_log WHERE task = 'per-region' AND item = '${item}'"
                """.formatted(String.join(", ", ITEMS)));
        return p.toString();
    }

    @Test
    void everyTaskIsAppliedExactlyOnceWhereverTheKillLands(@TempDir Path dir) throws Exception {
        Random random = new Random();
        int killedMidway = 0;
        List<String> report = new ArrayList<>();
        for (int trial = 1; trial <= TRIALS; trial++) {
            String url = TestDatabases.postgres("cutover_crash");
            Path work = Files.createDirectories(dir.resolve("trial" + trial));
            Path planFile = work.resolve("plan.yaml");
            Files.writeString(planFile, plan(url));
            String state = "jdbc:h2:file:" + work.resolve("state/cutover");
            String[] run = {"run", "--ignore-window", "--state", state, planFile.toString()};

            // Every other trial holds the journal's lazy writes back for 10 s, so that the kill takes them.
            ChildRun first = ChildRun.start(trial % 2 == 0 ? List.of("-Dcutover.journal.lingerMillis=10000") : List.of(), work, "first", run);
            // Timed from the first task's start, so that a slow JVM start on a busy machine does not move every kill
            // before the work; one trial in five is killed during the start itself.
            boolean duringStart = random.nextInt(5) == 0;
            if (!duringStart) {
                first.awaitOutput("start  ", 120);
            }
            long delay = duringStart ? random.nextInt(700) : random.nextInt(1200);
            Thread.sleep(delay);
            first.kill();
            int before = count(url, "select count(*) from applied_log");
            if (before > 0 && before < WORK_TASKS + ITEMS.size()) {
                killedMidway++;
            }
            ChildRun resume = ChildRun.start(work, "resume", run);
            int code = resume.await(120);
            assertEquals(0, code, "trial " + trial + ": the resumed run failed:\n" + resume.output());
            for (int i = 1; i <= WORK_TASKS; i++) {
                assertEquals(1, count(url, "select count(*) from applied_log where task = 't" + i + "'"),
                        "trial " + trial + ": task t" + i + " applied once\n" + first.output() + resume.output());
            }
            for (String item : ITEMS) {
                assertEquals(1, count(url, "select count(*) from applied_log where task = 'per-region' and item = '" + item + "'"),
                        "trial " + trial + ": per-region[" + item + "] applied once");
            }
            assertEquals(1, count(url, "select count(*) from pg_indexes where indexname = 'idx_applied_task'"));
            assertEquals(0, count(url, "select count(*) from pg_index where not indisvalid"), "no invalid index left behind");
            assertEquals(1 + WORK_TASKS + 1 + ITEMS.size(), count(url, "select count(*) from cutover_history"));
            report.add("trial " + trial + ": killed " + delay + " ms after " + (duringStart ? "it was started" : "its first task started")
                    + ", with " + before + " rows");
        }
        System.out.println(String.join("\n", report));
        assertTrue(killedMidway >= TRIALS / 4, "at least a quarter of the kills land in the middle of the work: "
                + killedMidway + "\n" + String.join("\n", report));
    }

    /** The other way out of a crash: {@code cutover rollback} undoes every task the killed run applied, none left over. */
    @Test
    void aRollbackAfterAKillUndoesEverythingTheRunApplied(@TempDir Path dir) throws Exception {
        Random random = new Random();
        List<String> report = new ArrayList<>();
        for (int trial = 1; trial <= 6; trial++) {
            String url = TestDatabases.postgres("cutover_crash_rb");
            Path work = Files.createDirectories(dir.resolve("trial" + trial));
            Path planFile = work.resolve("plan.yaml");
            Files.writeString(planFile, plan(url));
            String state = "jdbc:h2:file:" + work.resolve("state/cutover");
            // The journal's lazy writes held back for 10 s: the kill takes every task end from the journal, and only
            // cutover_history still tells what the run applied.
            ChildRun first = ChildRun.start(List.of("-Dcutover.journal.lingerMillis=10000"), work, "first", "run", "--ignore-window",
                    "--state", state, planFile.toString());
            first.awaitOutput("start  ", 120);
            long delay = 100 + random.nextInt(1000);
            Thread.sleep(delay);
            first.kill();
            int applied = count(url, "select count(*) from cutover_history");
            ChildRun rollback = ChildRun.start(work, "rollback", "rollback", "--state", state, planFile.toString());
            int code = rollback.await(120);
            assertEquals(0, code, "trial " + trial + ": the rollback failed:\n" + first.output() + rollback.output());
            assertEquals(0, count(url, "select count(*) from cutover_history"), "trial " + trial + ": every applied task is undone\n"
                    + first.output() + rollback.output());
            assertEquals(0, count(url, "select count(*) from pg_tables where tablename = 'applied_log'"),
                    "trial " + trial + ": the first task's table is dropped\n" + rollback.output());
            report.add("trial " + trial + ": killed " + delay + " ms after the first task started, " + applied + " tasks applied");
        }
        System.out.println(String.join("\n", report));
    }

    @Test
    void twoRunsStartedAtTheSameInstantRunExactlyOnce(@TempDir Path dir) throws Exception {
        String url = TestDatabases.postgres("cutover_race");
        Path planFile = dir.resolve("plan.yaml");
        Files.writeString(planFile, """
                cutover: 1
                name: race
                datasources:
                  app: {url: "%s", user: postgres}
                phases:
                  - id: p
                    tasks:
                      - {id: table, type: sql, datasource: app, up: "CREATE TABLE marker (n INT)", down: "DROP TABLE marker"}
                      - {id: hold, type: wait, duration: 3s}
                      - {id: mark, type: sql, datasource: app, up: "INSERT INTO marker VALUES (1)", down: "DELETE FROM marker"}
                """.formatted(url));
        String state = "jdbc:h2:file:" + dir.resolve("state/cutover");
        String[] run = {"run", "--ignore-window", "--state", state, planFile.toString()};
        ChildRun a = ChildRun.start(dir, "a", run);
        ChildRun b = ChildRun.start(dir, "b", run);
        int codeA = a.await(120);
        int codeB = b.await(120);
        List<Integer> codes = new ArrayList<>(List.of(codeA, codeB));
        codes.sort(null);
        assertEquals(List.of(0, 3), codes, "one runs, the other is refused:\n--- a\n" + a.output() + "\n--- b\n" + b.output());
        String refused = codeA == 3 ? a.output() : b.output();
        assertTrue(refused.contains("locked by run"), refused);
        assertEquals(1, count(url, "select count(*) from marker"));
    }

    private static int count(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        } catch (org.postgresql.util.PSQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return 0; // the table is not there yet: the kill came before the first task
            }
            throw e;
        }
    }
}
