package io.cutover.handlers.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.engine.CutoverCli;
import io.cutover.engine.CutoverCli.Result;
import io.cutover.handlers.copy.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * verify's {@code schema} check between PostgreSQL and MariaDB: equivalent types pass, and a
 * different scale, nullability, a missing and an extra column are each named.
 */
class SchemaCheckTest {
    @TempDir
    Path dir;

    private final Database.Made databases = new Database.Made();

    private Database pg() {
        return databases.postgres("cutover_schema_pg");
    }

    private Database maria() {
        return databases.mariadb("cutover_schema_maria");
    }

    @AfterEach
    void dropDatabases() throws Exception {
        databases.dropAll();
    }

    @Test
    void equivalentTypesOnBothEnginesPass() throws Exception {
        Database src = pg();
        Database dst = maria();
        src.exec("CREATE TABLE t (id BIGINT PRIMARY KEY, amount NUMERIC(12,2) NOT NULL, note TEXT, at TIMESTAMPTZ, data BYTEA, n INT)");
        dst.exec("CREATE TABLE t (id BIGINT PRIMARY KEY, amount DECIMAL(12,2) NOT NULL, note LONGTEXT, at DATETIME(6), data LONGBLOB, n INT)");

        Result run = verify(src, dst);

        assertEquals(0, run.code(), run.all());
    }

    @Test
    void eachDifferenceIsNamedByItsColumn() throws Exception {
        Database src = pg();
        Database dst = maria();
        src.exec("CREATE TABLE t (id BIGINT PRIMARY KEY, amount NUMERIC(12,2) NOT NULL, note TEXT, only_source INT)");
        dst.exec("CREATE TABLE t (id BIGINT PRIMARY KEY, amount DECIMAL(12,3) NOT NULL, note TEXT NOT NULL, only_target INT)");

        Result run = verify(src, dst);

        assertEquals(1, run.code(), run.all());
        List<String> schemaLines = run.all().lines().map(String::strip).filter(l -> l.startsWith("schema:")).toList();
        for (String column : List.of("amount", "note", "only_source", "only_target")) {
            assertTrue(schemaLines.stream().anyMatch(l -> l.contains("column " + column + " ")), column + " is named:\n" + run.all());
        }
        assertEquals(4, schemaLines.size(), "id agrees:\n" + run.all());
    }

    private Result verify(Database src, Database dst) throws Exception {
        Path plan = Files.writeString(dir.resolve("schema-" + System.nanoTime() + ".yaml"), """
                cutover: 1
                name: schema-check
                datasources:
                  src: %s
                  dst: %s
                phases:
                  - id: check
                    tasks:
                      - id: compare-t
                        type: verify
                        source: {datasource: src, table: t}
                        target: {datasource: dst, table: t}
                        checks: [schema]
                """.formatted(src.yaml(), dst.yaml()));
        return new CutoverCli(dir.resolve("state-" + System.nanoTime())).cutover("run", plan.toString());
    }
}
