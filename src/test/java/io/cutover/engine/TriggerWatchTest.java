package io.cutover.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Rollback triggers as an operator meets them: a metric crossing its threshold for N samples, a
 * multiple of the baseline, the data_inconsistency signal of a failed verify, and what status says.
 * H2 file databases: the engine does not matter here.
 */
class TriggerWatchTest {

    private static String db(Path dir) {
        return "jdbc:h2:file:" + dir.resolve("app") + ";AUTO_SERVER=TRUE";
    }

    private static void sql(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static int tables(String url, String name) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from information_schema.tables where table_name = '" + name + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void aMetricOverItsThresholdForTwoSamplesRollsTheRunBack(@TempDir Path dir) throws Exception {
        String url = db(dir);
        sql(url, "create table health (errors int, requests int); insert into health values (0, 100)");
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, """
                cutover: 1
                name: error-rate
                datasources:
                  app: {url: "%s", user: sa}
                metrics:
                  error_rate:
                    datasource: app
                    sql: select cast(errors as double) / requests from health
                rollback_triggers:
                  - when: error_rate > 1%%
                    for: 2
                trigger_policy: {every: 200ms, baseline_samples: 1}
                phases:
                  - id: switch
                    tasks:
                      - {id: feature, type: sql, datasource: app, up: "create table feature (on_off boolean)", down: "drop table feature"}
                      - {id: break-it, type: sql, datasource: app, up: "update health set errors = 5", down: "update health set errors = 0"}
                      - {id: soak, type: monitor, duration: 30s}
                """.formatted(url));
        CutoverCli cli = new CutoverCli(dir);
        long start = System.nanoTime();
        CutoverCli.Result r = cli.cutover("run", "--ignore-window", plan.toString());
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertEquals(1, r.code(), r.all());
        assertTrue(seconds < 20, "the trigger cut the 30 s monitor short: " + seconds + " s");
        assertTrue(r.all().contains("rollback trigger fired: error_rate > 1%"), r.all());
        assertTrue(r.all().contains("value 0.05"), r.all());
        assertEquals(0, tables(url, "FEATURE"), "the applied tasks were undone");
        JsonNode run = cli.onlyRun();
        assertEquals("rolled_back", run.get("state").asString());
        assertEquals("error_rate", run.at("/trigger/metric").asString());
        assertEquals(0.05, run.at("/trigger/value").asDouble(), 1e-9);
        assertEquals(0.01, run.at("/trigger/threshold").asDouble(), 1e-9);
        assertEquals("error_rate > 1%", run.at("/trigger/when").asString());
    }

    @Test
    void aHealthyMetricLetsTheRunComplete(@TempDir Path dir) throws Exception {
        String url = db(dir);
        sql(url, "create table latency (ms int); insert into latency values (100)");
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, """
                cutover: 1
                name: healthy
                datasources:
                  app: {url: "%s", user: sa}
                metrics:
                  response_time: {datasource: app, sql: select ms from latency}
                rollback_triggers:
                  - when: response_time > 2x baseline
                trigger_policy: {every: 100ms, baseline_samples: 2, after: 500ms}
                phases:
                  - id: p
                    tasks:
                      - {id: t, type: sql, datasource: app, up: "update latency set ms = 150", down: "update latency set ms = 100"}
                      - {id: soak, type: monitor, duration: 1s}
                """.formatted(url));
        CutoverCli cli = new CutoverCli(dir);
        CutoverCli.Result r = cli.cutover("run", "--ignore-window", plan.toString());
        assertEquals(0, r.code(), "150 ms is under twice the 100 ms baseline: " + r.all());
        assertTrue(r.all().contains("taking the baseline of response_time"), r.all());
        assertTrue(cli.onlyRun().get("trigger").isNull());
    }

    @Test
    void aFailedVerifyRaisesDataInconsistencyAndItsTriggerDecides(@TempDir Path dir) throws Exception {
        String url = db(dir);
        sql(url, "create table src (id int primary key, v varchar(10)); insert into src values (1, 'a'), (2, 'b');"
                + "create table dst (id int primary key, v varchar(10)); insert into dst values (1, 'a'), (2, 'X')");
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, """
                cutover: 1
                name: inconsistent
                datasources:
                  app: {url: "%s", user: sa}
                rollback_triggers:
                  - when: data_inconsistency
                    action: stop
                phases:
                  - id: p
                    on_failure: rollback
                    tasks:
                      - {id: mark, type: sql, datasource: app, up: "create table marker (n int)", down: "drop table marker"}
                      - id: compare
                        type: verify
                        source: {datasource: app, table: src}
                        target: {datasource: app, table: dst}
                        checks: [row_count, checksum]
                """.formatted(url));
        CutoverCli cli = new CutoverCli(dir);
        CutoverCli.Result r = cli.cutover("run", "--ignore-window", plan.toString());
        assertEquals(1, r.code(), r.all());
        assertTrue(r.all().contains("differs at 2: v is 'b' in the source and 'X' in the target"), r.all());
        assertTrue(r.all().contains("rollback trigger fired: data_inconsistency"), r.all());
        JsonNode run = cli.onlyRun();
        assertEquals("stopped", run.get("state").asString(), "the trigger's action (stop) wins over on_failure: rollback");
        assertEquals(1, tables(url, "MARKER"), "stopped, not rolled back");
        assertEquals("data_inconsistency", run.at("/trigger/metric").asString());
    }
}
