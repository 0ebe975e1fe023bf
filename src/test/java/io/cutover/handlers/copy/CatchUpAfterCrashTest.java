package io.cutover.handlers.copy;

import static io.cutover.engine.CutoverCli.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.engine.ChildRun;
import io.cutover.engine.CutoverCli;
import io.cutover.engine.CutoverCli.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The phased copy of a live table, with a crash in the middle: the bulk copy is killed with
 * SIGKILL, a row it had already copied changes in the source, the bulk copy resumes (and does not
 * go back for that row), then the catch-up pass ({@code since} the bulk task started) brings the
 * change over. Starting "since" the resumed attempt instead of the first start would lose it.
 */
class CatchUpAfterCrashTest {
    private static final int ROWS = 200_000;

    @TempDir
    Path dir;
    private Database src;
    private Database dst;

    @AfterEach
    void dropDatabases() throws Exception {
        src.drop();
        dst.drop();
    }

    @Test
    void aRowChangedWhileTheBulkCopyWasDownIsCaughtUp() throws Exception {
        src = Database.postgres("cutover_catchup_src");
        dst = Database.postgres("cutover_catchup_dst");
        src.exec("CREATE TABLE accounts (id BIGINT PRIMARY KEY, note TEXT, updated_at TIMESTAMPTZ NOT NULL)",
                "INSERT INTO accounts SELECT g, md5(g::text), timestamptz '2020-01-01 00:00:00+00' FROM generate_series(1, " + ROWS + ") g");
        dst.exec("CREATE TABLE accounts (id BIGINT PRIMARY KEY, note TEXT, updated_at TIMESTAMPTZ NOT NULL)");
        CutoverCli cli = new CutoverCli(dir);
        String bulk = """
                      - id: bulk
                        type: copy
                        source: {datasource: src, table: accounts}
                        target: {datasource: dst, table: accounts}
                        batch_size: 5000
                        throttle: {max_rows_per_second: 40000}
                        checks: [row_count]
                        down: truncate
                """;
        Path first = plan("bulk-only.yaml", bulk);

        ChildRun child = ChildRun.start(dir, "bulk", "run", "--state", cli.stateUrl(), first.toString());
        long copied = 0;
        for (int i = 0; i < 600 && copied < 40_000 && child.isAlive(); i++) {
            Thread.sleep(50);
            copied = dst.count("accounts");
        }
        child.kill();
        copied = dst.count("accounts");
        assertTrue(copied >= 10_000 && copied < ROWS, "killed in the middle of the bulk copy: " + copied + " rows\n" + child.output());
        assertEquals(1, dst.number("SELECT count(*) FROM accounts WHERE id = 10"), "row 10 was copied before the kill");
        src.exec("UPDATE accounts SET note = 'changed while the copy was down', updated_at = now() WHERE id = 10");

        Result resumed = cli.cutover("run", first.toString());
        assertEquals(0, resumed.code(), resumed.all());
        assertTrue(resumed.all().contains("resuming"), "the bulk copy resumes from its checkpoint:\n" + resumed.all());
        assertEquals(md5(10), dst.text("SELECT note FROM accounts WHERE id = 10").orElseThrow(), "the bulk copy did not go back");

        Result caughtUp = cli.cutover("run", plan("phased.yaml", bulk + """
                      - id: catch-up
                        type: copy
                        source: {datasource: src, table: accounts}
                        target: {datasource: dst, table: accounts}
                        since: {column: updated_at, task: bulk}
                        checks: [row_count]
                        down: truncate
                """).toString());

        assertEquals(0, caughtUp.code(), caughtUp.all());
        assertEquals("changed while the copy was down", dst.text("SELECT note FROM accounts WHERE id = 10").orElseThrow());
        JsonNode run = cli.status().get("runs").get(0);
        assertEquals(1, task(run, "catch-up").get("rows").asLong(), "one row changed since the bulk copy started: " + run);
        assertEquals(ROWS, dst.count("accounts"));
    }

    private String md5(int id) throws Exception {
        return src.text("SELECT md5('" + id + "')").orElseThrow();
    }

    private Path plan(String file, String tasks) throws Exception {
        return Files.writeString(dir.resolve(file), """
                cutover: 1
                name: catch-up
                datasources:
                  src: %s
                  dst: %s
                phases:
                  - id: data
                    tasks:
                """.formatted(src.yaml(), dst.yaml()) + tasks);
    }
}
