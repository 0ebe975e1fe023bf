package io.cutover.handlers.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.engine.CutoverCli;
import io.cutover.engine.CutoverCli.Result;
import io.cutover.handlers.copy.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code verify} over a million rows finds the one row that differs and names it by its key and
 * column, and names a missing and an extra row; identical tables pass. The source is PostgreSQL;
 * the target, filled by SQL with the same rows, is one small subclass per engine. The tables are
 * built once; each test starts from identical tables again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MillionRowsVerifyContract {
    static final long ROWS = 1_000_000;
    static final long CHANGED = 654_321;
    static final long MISSING = 123_457;
    static final long EXTRA = 1_000_001;

    /** A fresh, empty target database. */
    protected abstract Database freshTarget();

    /** The source's name prefix, unique per subclass. */
    protected abstract String name();

    /** CREATE TABLE events on the target. */
    protected abstract String targetTable();

    /** INSERT of the generated rows whose key {@code g} satisfies {@code condition} (in terms of {@code g}). */
    protected abstract String targetRows(String condition);

    private Database src;
    private Database dst;
    @TempDir
    Path dir;
    private CutoverCli cli;

    @BeforeAll
    void millionRowTables() throws Exception {
        src = Database.millionEvents(name() + "_src");
        dst = freshTarget();
        dst.exec(targetTable(), targetRows("1 = 1"));
    }

    @AfterAll
    void dropDatabases() throws Exception {
        src.drop();
        dst.drop();
    }

    @BeforeEach
    void identicalAgain() throws Exception {
        cli = new CutoverCli(dir.resolve("state-" + System.nanoTime()));
        dst.exec("DELETE FROM events WHERE id IN (" + CHANGED + ", " + MISSING + ", " + EXTRA + ")",
                targetRows("g IN (" + CHANGED + ", " + MISSING + ")"));
        assertEquals(ROWS, dst.count("events"));
    }

    @Test
    void identicalMillionRowTablesPass() throws Exception {
        Result run = verify("row_count, checksum");

        assertEquals(0, run.code(), run.all());
    }

    @Test
    void aSingleChangedValueAmongAMillionRowsIsNamedByItsKeyAndColumn() throws Exception {
        dst.exec("UPDATE events SET amount = amount + 0.01 WHERE id = " + CHANGED);

        Result run = verify("checksum");

        assertEquals(1, run.code(), "the verify fails and the run ends as failed:\n" + run.all());
        assertTrue(run.all().contains("differs at " + CHANGED + ": amount"), "names the key and the column:\n" + run.all());
        assertTrue(run.all().contains("checksum: 1 of 1000000 rows differ"), "one row, no more:\n" + run.all());
        assertTrue(run.all().contains("data_inconsistency"), run.all());
        JsonNode task = CutoverCli.task(cli.onlyRun(), "compare-events");
        assertEquals("failed", task.get("state").asString(), task.toString());
        assertTrue(task.get("message").asString().contains("differs at " + CHANGED + ": amount"), "status tells it too: " + task);
        assertEquals(ROWS, dst.count("events"), "a verify changes nothing");
    }

    @Test
    void aMissingRowAndAnExtraRowAreNamed() throws Exception {
        dst.exec("DELETE FROM events WHERE id = " + MISSING);
        dst.exec(extraRow());

        Result run = verify("row_count, checksum");

        assertEquals(1, run.code(), run.all());
        assertTrue(run.all().contains("missing in the target: " + MISSING), run.all());
        assertTrue(run.all().contains("not in the source: " + EXTRA), run.all());
        assertTrue(run.all().contains("checksum: 2 of 1000000 rows differ"), run.all());
    }

    /** The row with key {@link #EXTRA}: a copy of row 1 under another key. */
    private String extraRow() {
        return "INSERT INTO events SELECT " + EXTRA + ", kind, amount, note, happened_at FROM events WHERE id = 1";
    }

    private Result verify(String checks) throws Exception {
        Path plan = Files.writeString(dir.resolve("verify-" + System.nanoTime() + ".yaml"), """
                cutover: 1
                name: verify-million
                datasources:
                  src: %s
                  dst: %s
                phases:
                  - id: check
                    tasks:
                      - id: compare-events
                        type: verify
                        source: {datasource: src, table: events}
                        target: {datasource: dst, table: events}
                        key: [id]
                        checks: [%s]
                """.formatted(src.yaml(), dst.yaml(), checks));
        return cli.cutover("run", plan.toString());
    }
}
