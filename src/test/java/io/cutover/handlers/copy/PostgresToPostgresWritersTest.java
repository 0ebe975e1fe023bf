package io.cutover.handlers.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.engine.CutoverCli;
import io.cutover.engine.CutoverCli.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL to PostgreSQL loads two batches at once only where no batch can wait on another's locks (a
 * batch waiting on a later one, which waits for its turn to commit, would hang the copy): the decision on
 * real tables, and copies into targets where two writers would go wrong (a foreign key to the table
 * itself, a second unique column) still end as a one-writer copy ends.
 */
class PostgresToPostgresWritersTest {
    @TempDir
    Path dir;
    private Database src;
    private Database dst;
    private CutoverCli cli;

    @BeforeEach
    void databases() {
        src = Database.postgres("cutover_writers_src");
        dst = Database.postgres("cutover_writers_dst");
        cli = new CutoverCli(dir);
    }

    @AfterEach
    void drop() throws Exception {
        src.drop();
        dst.drop();
    }

    @Test
    void twoWritersOnlyWhereNoBatchCanWaitOnAnother() throws Exception {
        src.exec("CREATE TABLE keyed (id BIGINT PRIMARY KEY, parent BIGINT, email TEXT)",
                "CREATE TABLE loose (id BIGINT, email TEXT)",
                "CREATE TABLE tagged (k TEXT PRIMARY KEY, n INT)");
        dst.exec("CREATE TABLE plain (id BIGINT PRIMARY KEY, parent BIGINT, email TEXT)",
                "CREATE TABLE nokey (id BIGINT, parent BIGINT, email TEXT)",
                "CREATE TABLE unique_email (id BIGINT PRIMARY KEY, parent BIGINT, email TEXT UNIQUE)",
                "CREATE TABLE self_ref (id BIGINT PRIMARY KEY, parent BIGINT REFERENCES self_ref (id), email TEXT)",
                "CREATE TABLE triggered (id BIGINT PRIMARY KEY, parent BIGINT, email TEXT)",
                "CREATE FUNCTION nothing() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
                "CREATE TRIGGER t BEFORE INSERT ON triggered FOR EACH ROW EXECUTE FUNCTION nothing()",
                "CREATE TABLE parted (id BIGINT PRIMARY KEY, parent BIGINT, email TEXT) PARTITION BY RANGE (id)",
                "CREATE TABLE parted_1 PARTITION OF parted FOR VALUES FROM (MINVALUE) TO (MAXVALUE)");
        try (Connection s = src.connect(); Connection t = dst.connect()) {
            assertTrue(PgBinaryCopy.batchesCannotWaitOnEachOther(s, "keyed", "id", "int8", t, "plain", "id"), "a primary key only");
            assertTrue(PgBinaryCopy.batchesCannotWaitOnEachOther(s, "keyed", "id", "int8", t, "nokey", "id"), "no unique index");
            assertFalse(PgBinaryCopy.batchesCannotWaitOnEachOther(s, "keyed", "id", "int8", t, "unique_email", "id"),
                    "another unique column: a later batch may hold the value first");
            assertFalse(PgBinaryCopy.batchesCannotWaitOnEachOther(s, "keyed", "id", "int8", t, "self_ref", "id"),
                    "a foreign key: a row may refer to one in a batch not committed yet");
            assertFalse(PgBinaryCopy.batchesCannotWaitOnEachOther(s, "keyed", "id", "int8", t, "triggered", "id"), "a trigger");
            assertFalse(PgBinaryCopy.batchesCannotWaitOnEachOther(s, "keyed", "id", "int8", t, "parted", "id"), "a partitioned table");
            assertFalse(PgBinaryCopy.batchesCannotWaitOnEachOther(s, "loose", "id", "int8", t, "plain", "id"),
                    "a source key with no unique index may repeat across two batches");
            assertFalse(PgBinaryCopy.batchesCannotWaitOnEachOther(s, "tagged", "k", "text", t, "plain", "id"),
                    "a text key: the target's collation may call two source keys equal");
        }
    }

    @Test
    void aTargetWithAForeignKeyToItselfIsCopiedRowsReferringToEarlierBatches() throws Exception {
        src.exec("CREATE TABLE nodes (id BIGINT PRIMARY KEY, parent BIGINT REFERENCES nodes (id), label TEXT NOT NULL)",
                "INSERT INTO nodes SELECT g, CASE WHEN g > 150 THEN g - 150 END, 'node ' || g FROM generate_series(1, 3000) g");
        dst.exec("CREATE TABLE nodes (id BIGINT PRIMARY KEY, parent BIGINT REFERENCES nodes (id), label TEXT NOT NULL)");

        Result run = cli.cutover("run", plan("nodes", "batch_size: 100").toString());

        assertEquals(0, run.code(), run.all());
        assertEquals(3000, dst.count("nodes"));
        assertEquals(src.text("SELECT md5(string_agg(n::text, ',' ORDER BY id)) FROM nodes n"),
                dst.text("SELECT md5(string_agg(n::text, ',' ORDER BY id)) FROM nodes n"));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aValueRepeatedInAnotherUniqueColumnFailsTheCopyAndDoesNotHangIt() throws Exception {
        src.exec("CREATE TABLE nodes (id BIGINT PRIMARY KEY, parent BIGINT, label TEXT NOT NULL)",
                // Row 201, the first of the third batch, repeats the label of row 199, near the end of the second: two
                // writers would let the third batch take the label first and the second wait on it for good.
                "INSERT INTO nodes SELECT g, NULL, 'node ' || CASE WHEN g % 200 = 1 AND g > 200 THEN g - 2 ELSE g END"
                        + " FROM generate_series(1, 3000) g");
        // The second batch is slow to load (a check that sleeps 5 ms a row), so that a second writer would start the
        // third batch, and take the label, well before the second reaches row 199.
        dst.exec("CREATE FUNCTION slow(id BIGINT) RETURNS BOOLEAN LANGUAGE plpgsql IMMUTABLE AS"
                        + " $$ BEGIN IF id BETWEEN 101 AND 200 THEN PERFORM pg_sleep(0.005); END IF; RETURN true; END $$",
                "CREATE TABLE nodes (id BIGINT PRIMARY KEY, parent BIGINT, label TEXT NOT NULL UNIQUE, CHECK (slow(id)))");

        Result run = cli.cutover("run", plan("nodes", "batch_size: 100").toString());

        assertEquals(1, run.code(), run.all());
        assertTrue(run.all().contains("duplicate key"), run.all());
        assertEquals(0, dst.count("nodes"), "the failed run was rolled back (down: truncate)");
    }

    @Test
    void twoWritersCopyEveryRowOnceAndCountIt() throws Exception {
        src.exec("CREATE TABLE nodes (id BIGINT PRIMARY KEY, parent BIGINT, label TEXT)",
                "INSERT INTO nodes SELECT g, g % 7, CASE WHEN g % 13 = 0 THEN NULL ELSE repeat('x', g % 300) END"
                        + " FROM generate_series(1, 50000) g");
        dst.exec("CREATE TABLE nodes (id BIGINT PRIMARY KEY, parent BIGINT, label TEXT)");

        Result run = cli.cutover("run", plan("nodes", "batch_size: 700", "checks: [row_count, checksum]").toString());

        assertEquals(0, run.code(), run.all());
        assertEquals(50000, dst.count("nodes"));
        assertEquals(src.text("SELECT md5(string_agg(n::text, ',' ORDER BY id)) FROM nodes n"),
                dst.text("SELECT md5(string_agg(n::text, ',' ORDER BY id)) FROM nodes n"));
        assertEquals(50000, CutoverCli.task(cli.onlyRun(), "copy-nodes").get("rows").asLong());
    }

    private Path plan(String table, String... keys) throws Exception {
        Path file = dir.resolve("plan-" + System.nanoTime() + ".yaml");
        Files.writeString(file, """
                cutover: 1
                name: writers
                datasources:
                  src: %s
                  dst: %s
                phases:
                  - id: data
                    tasks:
                      - id: copy-%s
                        type: copy
                        source: {datasource: src, table: %s}
                        target: {datasource: dst, table: %s}
                        down: truncate
                """.formatted(src.yaml(), dst.yaml(), table, table, table)
                + String.join("", java.util.Arrays.stream(keys).map(k -> "        " + k + "\n").toList()));
        return file;
    }
}
