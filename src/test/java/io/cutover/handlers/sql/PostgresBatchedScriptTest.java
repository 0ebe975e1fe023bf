package io.cutover.handlers.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.TestDatabases;
import io.cutover.engine.CutoverCli;
import io.cutover.engine.CutoverCli.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On PostgreSQL a script of statements that return no rows goes with its cutover_history record in one JDBC batch.
 * What a user sees must not change: the failing statement named at its line, nothing of the script left, the record
 * exact whatever the item's characters; a script with a query still runs.
 */
class PostgresBatchedScriptTest {
    @TempDir
    Path dir;

    private String url;

    private Result run(String phases) throws Exception {
        url = TestDatabases.postgres("cutover_batch");
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, "cutover: 1\nname: batch\ndatasources:\n  app: {url: \"" + url + "\", user: postgres}\n" + phases);
        return new CutoverCli(dir).cutover("run", plan.toString());
    }

    private List<String> column(String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Test
    void theStatementThatFailsIsNamedAtItsLineAndNothingOfTheScriptStays() throws Exception {
        Result r = run("""
                phases:
                  - id: one
                    tasks:
                      - id: three
                        type: sql
                        datasource: app
                        up: |
                          CREATE TABLE first_one (id INT);
                          INSERT INTO no_such_table VALUES (1);
                          CREATE TABLE third_one (id INT);
                        down: DROP TABLE first_one; DROP TABLE third_one;
                """);
        assertEquals(1, r.code(), r.all());
        assertTrue(r.all().contains("plan.yaml:13 (up): INSERT INTO no_such_table VALUES (1)"), r.all());
        assertTrue(r.all().contains("42P01"), r.all());
        assertTrue(r.all().contains("nothing of 'up' was applied"), r.all());
        assertEquals(List.of(), column("select tablename from pg_tables where tablename in ('first_one', 'third_one')"));
        assertEquals(List.of(), column("select task_id from cutover_history"));
    }

    /** The COMMIT goes in the batch too: a constraint that fails only at the commit fails the task, and nothing stays. */
    @Test
    void aConstraintCheckedAtTheCommitFailsTheTaskAndNothingOfItStays() throws Exception {
        Result r = run("""
                phases:
                  - id: one
                    tasks:
                      - id: parents
                        type: sql
                        datasource: app
                        up: CREATE TABLE parent (id INT PRIMARY KEY)
                        down: DROP TABLE parent
                      - id: children
                        type: sql
                        datasource: app
                        up: |
                          CREATE TABLE child (id INT, parent_id INT REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED);
                          INSERT INTO child VALUES (1, 42);
                        down: DROP TABLE child
                      - id: after
                        type: sql
                        datasource: app
                        up: CREATE TABLE never_made (id INT)
                        down: DROP TABLE never_made
                """);
        assertEquals(1, r.code(), r.all());
        assertTrue(r.all().contains("23503"), "the foreign key, checked at the commit: " + r.all());
        assertTrue(r.all().contains("undone one/parents"), "the task before is undone on the same pool: " + r.all());
        assertEquals(List.of(), column("select tablename from pg_tables where tablename in ('parent', 'child', 'never_made')"));
        assertEquals(List.of(), column("select task_id from cutover_history"));
    }

    @Test
    void theRecordKeepsAnItemWithQuotesAndBackslashesExactly() throws Exception {
        Result r = run("""
                phases:
                  - id: regions
                    foreach: ["o'brien", 'back\\slash', "plain"]
                    tasks:
                      - id: mark
                        type: sql
                        datasource: app
                        up: CREATE TABLE IF NOT EXISTS marks (item TEXT); INSERT INTO marks VALUES ('x');
                        down: DELETE FROM marks WHERE item = 'x';
                """);
        assertEquals(0, r.code(), r.all());
        assertEquals(List.of("back\\slash", "o'brien", "plain"), column("select item from cutover_history order by item"));
        Result again = new CutoverCli(dir).cutover("run", dir.resolve("plan.yaml").toString());
        assertEquals(0, again.code(), again.all());
        assertTrue(again.out().contains("nothing to do"), "the records are found again: " + again.all());
    }

    @Test
    void aScriptWithAQueryStillRunsItsStatementsOneByOne() throws Exception {
        Result r = run("""
                phases:
                  - id: one
                    tasks:
                      - id: seq
                        type: sql
                        datasource: app
                        up: CREATE SEQUENCE s; SELECT setval('s', 41); INSERT INTO cutover_history_probe SELECT 1 WHERE false;
                        down: DROP SEQUENCE s;
                """);
        assertEquals(1, r.code(), "the third statement's table does not exist: " + r.all());
        assertFalse(r.all().contains("A result was returned"), "a query is never sent in a batch: " + r.all());
        assertEquals(List.of(), column("select relname::text from pg_class where relname = 's'"));
    }

    @Test
    void onlyStatementsThatReturnNoRowsGoInABatch() {
        assertTrue(SqlHandler.batchable(StatementSplitter.split("CREATE TABLE a (id INT); insert into a values (1); DO $$ BEGIN END $$",
                io.cutover.plan.Datasource.Engine.POSTGRESQL)));
        assertFalse(SqlHandler.batchable(StatementSplitter.split("CREATE TABLE a (id INT); SELECT 1",
                io.cutover.plan.Datasource.Engine.POSTGRESQL)));
        assertFalse(SqlHandler.batchable(StatementSplitter.split("INSERT INTO a VALUES (1) RETURNING id",
                io.cutover.plan.Datasource.Engine.POSTGRESQL)));
        assertFalse(SqlHandler.batchable(StatementSplitter.split("WITH x AS (SELECT 1) INSERT INTO a SELECT * FROM x",
                io.cutover.plan.Datasource.Engine.POSTGRESQL)));
    }
}
