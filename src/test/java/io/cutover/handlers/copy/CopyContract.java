package io.cutover.handlers.copy;

import static io.cutover.engine.CutoverCli.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.engine.CutoverCli;
import io.cutover.engine.CutoverCli.Result;
import io.cutover.handlers.copy.Things.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TimeZone;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * What a {@code copy} must do between any two engines, checked as a user checks it: {@code cutover
 * run} exits 0, the target read back with plain JDBC holds the source's rows value for value (NULLs,
 * 4-byte unicode, numerics with scale, instants at any offset, bytes with 0x00, 1 MB values), and a
 * {@code verify} of the copy passes; {@code upsert}, {@code where}, {@code columns}, {@code since},
 * both {@code down}s through {@code cutover rollback}, and the missing-key error. One small
 * subclass per source and target engine.
 */
abstract class CopyContract {
    /** A fresh, empty source database. */
    protected abstract Database source(Path dir);

    /** A fresh, empty target database. */
    protected abstract Database target(Path dir);

    @TempDir
    Path dir;
    private Database src;
    private Database dst;
    private CutoverCli cli;

    @BeforeEach
    void freshDatabases() throws Exception {
        src = source(dir);
        dst = target(dir);
        cli = new CutoverCli(dir);
        src.exec(Things.ddl(src, "things", true));
        Things.insert(src, "things", Things.rows());
        dst.exec(Things.ddl(dst, "things", true));
        assertEquals(Things.normal(Things.rows()), Things.read(src, "things"), "the source holds what the test wrote");
    }

    @AfterEach
    void dropDatabases() throws Exception {
        src.drop();
        dst.drop();
    }

    // ---- every value survives ----

    private static final String COPY_AND_VERIFY = copyTask("copy-things", "batch_size: 3", "checks: [row_count, checksum]",
            "down: truncate") + """
                  - id: compare-things
                    type: verify
                    source: {datasource: src, table: things}
                    target: {datasource: dst, table: things}
                    key: [id]
                    checks: [row_count, schema, checksum, {sample: 50}]
            """;

    @Test
    void everyValueSurvivesTheCopyAndAVerifyOfItPasses() throws Exception {
        Result run = cli.cutover("run", plan("copy-things", COPY_AND_VERIFY).toString());

        assertEquals(0, run.code(), run.all());
        assertEquals(Things.normal(Things.rows()), Things.read(dst, "things"));
        JsonNode status = cli.onlyRun();
        assertEquals("completed", status.get("state").asString(), status.toString());
        assertEquals(Things.rows().size(), task(status, "copy-things").get("rows").asLong(), status.toString());
        assertEquals("succeeded", task(status, "compare-things").get("state").asString(), status.toString());
    }

    @Test
    void copiedInstantsDoNotMoveWithTheMachinesZone() throws Exception {
        // A laptop in Berlin: instants must not move with the JVM's zone, nor through its DST gap
        // (row 9 is 02:30 UTC on the night Berlin skips 02:00-03:00). Only row_count here, so that
        // what the copy wrote can be read back whatever the checksum thinks of it.
        Result run = inZone("Europe/Berlin", () -> cli.cutover("run", plan("copy-things",
                copyTask("copy-things", "batch_size: 3", "checks: [row_count]", "down: truncate")).toString()));

        assertEquals(0, run.code(), run.all());
        assertEquals(Things.normal(Things.rows()), Things.read(dst, "things"));
    }

    @Test
    void checksumAndVerifyDoNotDependOnTheMachinesZone() throws Exception {
        Result copy = cli.cutover("run", plan("copy-things", copyTask("copy-things", "checks: [row_count]", "down: truncate")).toString());
        assertEquals(0, copy.code(), copy.all());
        assertEquals(Things.normal(Things.rows()), Things.read(dst, "things"), "a faithful copy, made on UTC");
        String verify = """
                      - id: compare-things
                        type: verify
                        source: {datasource: src, table: things}
                        target: {datasource: dst, table: things}
                        key: [id]
                        checks: [row_count, schema, checksum, {sample: 50}]
                """;

        Result same = inZone("Europe/Berlin", () -> cli.cutover("run", plan("compare", verify).toString()));
        assertEquals(0, same.code(), "the copy is faithful, so verify passes in any zone:\n" + same.all());

        OffsetDateTime moved = Things.rows().get(4).happenedAt().plusHours(1);
        try (Connection c = dst.connect(); PreparedStatement ps = c.prepareStatement("UPDATE things SET happened_at = ? WHERE id = 5")) {
            dst.bindInstant(ps, 1, moved);
            ps.executeUpdate();
        }
        Result moved1h = inZone("Europe/Berlin", () -> cli.cutover("run", plan("compare-again", verify).toString()));
        assertEquals(1, moved1h.code(), "an instant one hour off is a difference in any zone:\n" + moved1h.all());
        assertTrue(moved1h.all().toLowerCase(java.util.Locale.ROOT).contains("differs at 5: happened_at"), moved1h.all());
    }

    // ---- mode, where, columns, since ----

    @Test
    void upsertCopiesChangedAndNewRowsOverAnEarlierCopy() throws Exception {
        Result first = cli.cutover("run", plan("copy-first", copyTask("copy-things", "checks: [row_count, checksum]",
                "down: truncate")).toString());
        assertEquals(0, first.code(), first.all());
        List<Row> rows = new ArrayList<>(Things.rows());
        rows.set(1, rows.get(1).withNote("changed in the source 😀").withAmount("7.70"));
        rows.set(5, rows.get(5).withNote(null));
        Row added = new Row(10, "added 𝄞", Things.dec("-3.30"), Things.at("2026-06-01T12:00:00+09:00"), new byte[] {0, 1},
                "added", Things.OLD);
        rows.add(added);
        src.exec("UPDATE things SET note = 'changed in the source 😀', amount = 7.70 WHERE id = 2",
                "UPDATE things SET note = NULL WHERE id = 6");
        Things.insert(src, "things", List.of(added));

        Result again = cli.cutover("run", plan("copy-again", copyTask("copy-things", "mode: upsert", "batch_size: 4",
                "checks: [row_count, checksum]", "down: truncate")).toString());

        assertEquals(0, again.code(), again.all());
        assertEquals(Things.normal(rows), Things.read(dst, "things"));
    }

    @Test
    void whereCopiesOnlyTheRowsItSelects() throws Exception {
        Result run = cli.cutover("run", plan("copy-some", copyTask("copy-things", "where: \"amount >= 0\"", "batch_size: 2",
                "checks: [row_count, checksum]", "down: truncate")).toString());

        assertEquals(0, run.code(), run.all());
        List<Row> selected = Things.rows().stream().filter(r -> r.amount() != null && r.amount().signum() >= 0).toList();
        assertEquals(Things.normal(selected), Things.read(dst, "things"));
        assertEquals(List.of(2L, 4L, 6L, 7L, 8L), selected.stream().map(Row::id).toList(), "the test's own filter");
    }

    @Test
    void columnsFillTargetColumnsFromSourceExpressions() throws Exception {
        dst.exec("CREATE TABLE summary (id BIGINT PRIMARY KEY, cents BIGINT, label VARCHAR(200) NOT NULL)");
        Result run = cli.cutover("run", plan("copy-summary", """
                      - id: copy-summary
                        type: copy
                        source: {datasource: src, table: things}
                        target: {datasource: dst, table: summary}
                        columns: {id: id, cents: "amount * 100", label: "coalesce(note, '-')"}
                        batch_size: 4
                        checks: [row_count, checksum]
                        down: truncate
                """).toString());

        assertEquals(0, run.code(), run.all());
        List<String> expected = Things.rows().stream().map(r -> r.id() + " " + (r.amount() == null ? "null"
                : r.amount().movePointRight(2).longValueExact()) + " " + (r.note() == null ? "-" : r.note())).toList();
        assertEquals(expected, rows(dst, "SELECT id, cents, label FROM summary ORDER BY id"));
    }

    @Test
    void sinceCatchesUpTheRowsChangedAfterTheBulkCopyStarted() throws Exception {
        String bulk = copyTask("bulk", "batch_size: 4", "checks: [row_count, checksum]", "down: truncate");
        Result first = cli.cutover("run", plan("phased", bulk).toString());
        assertEquals(0, first.code(), first.all());
        assertEquals(Things.normal(Things.rows()), Things.read(dst, "things"));

        // Live writes after the bulk copy: two rows changed (updated_at moves), one added, and one
        // changed without touching updated_at, which a catch-up by updated_at cannot see.
        Row added = new Row(11, "written while live", Things.dec("1.00"), Things.at("2026-06-01T00:00:00Z"), new byte[] {7},
                "live", Things.OLD);
        Things.insert(src, "things", List.of(added));
        src.exec("UPDATE things SET note = 'changed while live', amount = -5.55, updated_at = " + src.now() + " WHERE id IN (2, 3)",
                "UPDATE things SET updated_at = " + src.now() + " WHERE id = 11",
                "UPDATE things SET note = 'changed quietly' WHERE id = 4");
        String catchUp = copyTask("catch-up", "since: {column: updated_at, task: bulk}", "batch_size: 2", "checks: [row_count]",
                "down: truncate");

        Result second = cli.cutover("run", plan("phased", bulk + catchUp).toString());

        assertEquals(0, second.code(), second.all());
        JsonNode run = cli.status().get("runs").get(0);
        assertEquals("completed", run.get("state").asString(), run.toString());
        assertEquals(3, task(run, "catch-up").get("rows").asLong(), "only the rows changed since the bulk copy started: " + run);
        List<String> expected = new ArrayList<>(Things.read(src, "things"));
        expected.set(3, Things.rows().get(3).normal()); // id 4: its quiet change is not caught up
        assertEquals(expected, Things.read(dst, "things"));
        assertTrue(Things.read(dst, "things").get(1).contains("note='changed while live' amount=-5.55"), Things.read(dst, "things").get(1));
    }

    @Test
    void textKeysWithCharactersBeyondTheBasicPlaneAreCopiedAndChecked() throws Exception {
        // Keys whose UTF-16 order differs from their code-point order (U+FF71 against U+1F600).
        List<String> keys = List.of("B", "a", "é", "中", "ｱ", "ｚ", "𝄞", "😀", "😀😀", "z");
        src.exec("CREATE TABLE tags (k VARCHAR(20) PRIMARY KEY, n INT NOT NULL)");
        dst.exec("CREATE TABLE tags (k VARCHAR(20) PRIMARY KEY, n INT NOT NULL)");
        try (Connection c = src.connect(); PreparedStatement ps = c.prepareStatement("INSERT INTO tags (k, n) VALUES (?, ?)")) {
            for (String k : keys) {
                ps.setString(1, k);
                ps.setInt(2, k.codePointAt(0));
                ps.executeUpdate();
            }
        }

        Result run = cli.cutover("run", plan("copy-tags", """
                      - id: copy-tags
                        type: copy
                        source: {datasource: src, table: tags}
                        target: {datasource: dst, table: tags}
                        batch_size: 3
                        checks: [row_count, checksum]
                        down: truncate
                      - id: compare-tags
                        type: verify
                        source: {datasource: src, table: tags}
                        target: {datasource: dst, table: tags}
                        checks: [row_count, checksum, {sample: 20}]
                """).toString());

        assertEquals(0, run.code(), run.all());
        List<String> expected = keys.stream().map(k -> k + " " + k.codePointAt(0)).sorted().toList();
        assertEquals(expected, rows(dst, "SELECT k, n FROM tags").stream().sorted().toList());
    }

    // ---- down ----

    @Test
    void rollbackWithDownTruncateEmptiesTheTarget() throws Exception {
        Path plan = plan("copy-undo", copyTask("copy-things", "batch_size: 4", "down: truncate"));
        Result run = cli.cutover("run", plan.toString());
        assertEquals(0, run.code(), run.all());
        assertEquals(Things.rows().size(), dst.count("things"));

        Result rollback = cli.cutover("rollback", plan.toString());

        assertEquals(0, rollback.code(), rollback.all());
        assertEquals(0, dst.count("things"), "the target is empty");
        assertEquals(0, dst.number("SELECT count(*) FROM cutover_history WHERE task_id = 'copy-things'"), "no longer recorded as applied");
        assertEquals(0, dst.count("cutover_copy_checkpoint"), "no checkpoint left");
        assertEquals(Things.normal(Things.rows()), Things.read(src, "things"), "the source is untouched");
    }

    @Test
    void rollbackWithDownDeleteCopiedKeepsTheRowsWrittenToTheTargetSince() throws Exception {
        Path plan = plan("copy-undo", copyTask("copy-things", "batch_size: 4", "down: delete_copied"));
        Result run = cli.cutover("run", plan.toString());
        assertEquals(0, run.code(), run.all());
        Row written = new Row(500, "written by the application after the copy", Things.dec("1.00"),
                Things.at("2026-06-01T00:00:00Z"), null, null, Things.OLD);
        Things.insert(dst, "things", List.of(written));

        Result rollback = cli.cutover("rollback", plan.toString());

        assertEquals(0, rollback.code(), rollback.all());
        assertEquals(List.of(written.normal()), Things.read(dst, "things"), "only the copied keys are deleted");
        assertEquals(0, dst.number("SELECT count(*) FROM cutover_history WHERE task_id = 'copy-things'"));
        assertEquals(Things.normal(Things.rows()), Things.read(src, "things"), "the source is untouched");
    }

    // ---- the key ----

    @Test
    void aSourceWithoutPrimaryKeyAndWithoutKeyFailsNamingKey() throws Exception {
        src.exec(Things.ddl(src, "loose", false));
        Things.insert(src, "loose", Things.rows());
        dst.exec(Things.ddl(dst, "loose", false));

        Result run = cli.cutover("run", plan("copy-loose", """
                      - id: copy-loose
                        type: copy
                        source: {datasource: src, table: loose}
                        target: {datasource: dst, table: loose}
                        down: truncate
                """).toString());

        assertEquals(1, run.code(), run.all());
        assertTrue(run.all().contains("no primary key") && run.all().contains("key:"),
                "the message says there is no primary key and names the key: setting:\n" + run.all());
        assertTrue(run.all().contains("loose"), "the message names the table:\n" + run.all());
        assertEquals(0, dst.count("loose"), "nothing copied");
        assertEquals("failed", task(cli.onlyRun(), "copy-loose").get("state").asString());
    }

    @Test
    void aSourceWithoutPrimaryKeyIsCopiedByTheKeyGiven() throws Exception {
        src.exec(Things.ddl(src, "loose", false));
        Things.insert(src, "loose", Things.rows());
        dst.exec(Things.ddl(dst, "loose", false));

        Result run = cli.cutover("run", plan("copy-loose", """
                      - id: copy-loose
                        type: copy
                        source: {datasource: src, table: loose}
                        target: {datasource: dst, table: loose}
                        key: [id]
                        batch_size: 2
                        checks: [row_count, checksum]
                        down: truncate
                """).toString());

        assertEquals(0, run.code(), run.all());
        assertEquals(Things.normal(Things.rows()), Things.read(dst, "loose"));
    }

    // ---- helpers ----

    /** A copy task from {@code things} to {@code things}, with more keys, one a line. */
    static String copyTask(String id, String... keys) {
        return """
                      - id: %s
                        type: copy
                        source: {datasource: src, table: things}
                        target: {datasource: dst, table: things}
                """.formatted(id) + Arrays.stream(keys).map(k -> "        " + k + "\n").collect(Collectors.joining());
    }

    private Path plan(String name, String tasks) throws Exception {
        Path file = dir.resolve(name + "-" + System.nanoTime() + ".yaml");
        Files.writeString(file, """
                cutover: 1
                name: %s
                datasources:
                  src: %s
                  dst: %s
                phases:
                  - id: data
                    tasks:
                """.formatted(name, src.yaml(), dst.yaml()) + tasks);
        return file;
    }

    /** Runs {@code work} with the JVM's default zone set to {@code zone}, as on a machine there. */
    private static Result inZone(String zone, Callable<Result> work) throws Exception {
        TimeZone before = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone(zone));
            return work.call();
        } finally {
            TimeZone.setDefault(before);
        }
    }

    private static List<String> rows(Database db, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int width = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= width; i++) {
                    values.add(rs.getString(i) == null ? "null" : rs.getString(i));
                }
                out.add(String.join(" ", values));
            }
        }
        return out;
    }
}
