package io.cutover.handlers.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.engine.CutoverCli;
import io.cutover.engine.CutoverCli.Result;
import io.cutover.handlers.copy.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PostgreSQL checksum hashes rows in the database as a filter before the exact comparison: it must
 * never call two rows alike that the exact comparison tells apart, whatever the database's own equality
 * says (a case-blind collation, -0 and 0, 1 day and 24 hours), and it must let through what is the same
 * value in another type or scale (numeric 12.5 and 12.50, integer and bigint). Each difference lies in a
 * chunk of its own (50,000 keys a chunk), so that no other difference gets it compared exactly.
 */
class PostgresChecksumFilterTest {
    @TempDir
    Path dir;
    private Database src;
    private Database dst;

    @BeforeEach
    void databases() throws Exception {
        src = Database.postgres("cutover_checksum_filter_src");
        dst = Database.postgres("cutover_checksum_filter_dst");
        for (Database db : new Database[] {src, dst}) {
            db.exec("CREATE COLLATION IF NOT EXISTS caseless (provider = icu, locale = 'und-u-ks-level2', deterministic = false)");
        }
        src.exec("CREATE TABLE t (id BIGINT PRIMARY KEY, name TEXT COLLATE caseless, x FLOAT8, span INTERVAL, amount NUMERIC(12,2),"
                        + " n INT, at TIMESTAMPTZ)",
                "INSERT INTO t SELECT g, 'name ' || g, g / 4.0, g * interval '1 hour', g / 4.0, g,"
                        + " timestamptz '2026-01-01 00:00:00+00' + g * interval '1 minute' FROM generate_series(1, 200000) g");
        dst.exec("CREATE TABLE t (id BIGINT PRIMARY KEY, name TEXT COLLATE caseless, x FLOAT8, span INTERVAL, amount NUMERIC(14,4),"
                        + " n BIGINT, at TIMESTAMPTZ)",
                "INSERT INTO t SELECT g, 'name ' || g, g / 4.0, g * interval '1 hour', g / 4.0, g,"
                        + " timestamptz '2026-01-01 00:00:00+00' + g * interval '1 minute' FROM generate_series(1, 200000) g");
    }

    @AfterEach
    void drop() throws Exception {
        src.drop();
        dst.drop();
    }

    @Test
    void theSameValuesInOtherTypesAndScalesPass() throws Exception {
        Result run = verify();

        assertEquals(0, run.code(), run.all());
    }

    @Test
    void whatTheDatabaseCallsEqualButTheComparisonDoesNotIsReported() throws Exception {
        src.exec("UPDATE t SET x = 0 WHERE id = 60000", "UPDATE t SET span = interval '1 day' WHERE id = 120000");
        dst.exec("UPDATE t SET name = 'NAME 7' WHERE id = 7", "UPDATE t SET x = '-0' WHERE id = 60000",
                "UPDATE t SET span = interval '24 hours' WHERE id = 120000");

        Result run = verify();

        assertEquals(1, run.code(), run.all());
        assertTrue(run.all().contains("differs at 7: name"), run.all());
        assertTrue(run.all().contains("differs at 60000: x"), run.all());
        assertTrue(run.all().contains("differs at 120000: span"), run.all());
        assertTrue(run.all().contains("checksum: 3 of 200000 rows differ"), run.all());
    }

    private Result verify() throws Exception {
        Path plan = Files.writeString(dir.resolve("verify-" + System.nanoTime() + ".yaml"), """
                cutover: 1
                name: checksum-filter
                datasources:
                  src: %s
                  dst: %s
                phases:
                  - id: check
                    tasks:
                      - id: compare
                        type: verify
                        source: {datasource: src, table: t}
                        target: {datasource: dst, table: t}
                        checks: [row_count, checksum]
                """.formatted(src.yaml(), dst.yaml()));
        return new CutoverCli(dir.resolve("state-" + System.nanoTime())).cutover("run", plan.toString());
    }
}
