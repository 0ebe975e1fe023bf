package io.cutover.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.plan.Datasource.Engine;
import io.cutover.review.SqlChange.AddColumn;
import io.cutover.review.SqlChange.AddConstraint;
import io.cutover.review.SqlChange.ChangeType;
import io.cutover.review.SqlChange.CreateIndex;
import io.cutover.review.SqlChange.CreateTable;
import io.cutover.review.SqlChange.DropColumn;
import io.cutover.review.SqlChange.DropIndex;
import io.cutover.review.SqlChange.DropTable;
import io.cutover.review.SqlChange.OtherDdl;
import io.cutover.review.SqlChange.RenameColumn;
import io.cutover.review.SqlChange.RenameTable;
import io.cutover.review.SqlChange.SetLockTimeout;
import io.cutover.review.SqlChange.Truncate;
import io.cutover.review.SqlChange.WriteRows;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Statements to changes: the token patterns, on code with comments and strings removed. */
class SqlReaderTest {
    private static List<SqlChange> pg(String sql) {
        return SqlReader.read(sql, Engine.POSTGRESQL);
    }

    private static List<SqlChange> maria(String sql) {
        return SqlReader.read(sql, Engine.MARIADB);
    }

    @Test
    void codeLosesCommentsAndStringContentsButKeepsQuotedNames() {
        assertEquals("SELECT '' , \"Drop Table\" FROM t WHERE a = ''",
                SqlCode.strip("SELECT 'DROP TABLE x' /* c */, \"Drop Table\" -- x\n FROM t WHERE a = 'it''s'", Engine.POSTGRESQL));
        assertEquals("DO $$ $$", SqlCode.strip("DO $fn$ BEGIN DROP TABLE x; END $fn$", Engine.POSTGRESQL));
        assertEquals("SELECT '', '' FROM `t`", SqlCode.strip("SELECT 'a\\'b', \"DROP\" # x\nFROM `t`", Engine.MARIADB));
        assertEquals("SELECT 1 --x", SqlCode.strip("SELECT 1 --x", Engine.MARIADB), "--x is no comment on MariaDB");
        assertEquals("SELECT $1, a$b", SqlCode.strip("SELECT $1, a$b", Engine.POSTGRESQL));
    }

    @Test
    void tables() {
        assertEquals(List.of(new CreateTable("public.orders", false, true)),
                pg("CREATE TABLE IF NOT EXISTS public.orders (id int REFERENCES customers (id))"));
        assertEquals(List.of(new CreateTable("t", true, false)), pg("create temp table t (a int)"));
        assertEquals(List.of(new DropTable("a", false), new DropTable("\"B c\"", false)), pg("DROP TABLE IF EXISTS a, \"B c\" CASCADE"));
        assertEquals(List.of(new Truncate("a"), new Truncate("b")), pg("TRUNCATE ONLY a, b RESTART IDENTITY"));
        assertEquals(List.of(new RenameTable("a", "a_old"), new RenameTable("b", "a")), maria("RENAME TABLE a TO a_old, b TO a"));
    }

    @Test
    void indexes() {
        assertEquals(List.of(new CreateIndex("i", "t", true, false)), pg("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS i ON ONLY t (a)"));
        assertEquals(List.of(new CreateIndex("", "t", false, false)), pg("CREATE INDEX ON t USING gin (doc)"));
        assertEquals(List.of(new DropIndex("i", "", true)), pg("DROP INDEX CONCURRENTLY IF EXISTS i"));
        assertEquals(List.of(new DropIndex("i", "t", false)), maria("DROP INDEX IF EXISTS i ON t"));
        assertEquals(List.of(new CreateIndex("i", "t", false, true)), maria("ALTER TABLE t ADD UNIQUE KEY i (a)"));
    }

    @Test
    void alterTableActions() {
        assertEquals(List.of(new AddColumn("t", "a", true, false), new AddColumn("t", "b", false, true), new DropColumn("t", "c")),
                pg("ALTER TABLE t ADD COLUMN a int NOT NULL, ADD b int DEFAULT 0, DROP COLUMN IF EXISTS c"));
        assertEquals(List.of(new ChangeType("t", "a", false)), pg("ALTER TABLE t ALTER COLUMN a TYPE bigint USING a::bigint"));
        assertEquals(List.of(new ChangeType("t", "a", true)), maria("ALTER TABLE t MODIFY COLUMN a BIGINT, ALGORITHM = INPLACE"));
        assertEquals(List.of(new RenameColumn("t", "a", "b")), maria("ALTER TABLE t CHANGE COLUMN a b INT"));
        assertEquals(List.of(new RenameColumn("t", "a", "b")), pg("ALTER TABLE ONLY t RENAME a TO b"));
        assertEquals(List.of(new RenameTable("t", "u")), pg("ALTER TABLE IF EXISTS t RENAME TO u"));
        assertEquals(List.of(new AddConstraint("t", "FOREIGN KEY", true)),
                pg("ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES u (id) NOT VALID"));
        assertEquals(List.of(new AddConstraint("t", "CHECK", false)), pg("ALTER TABLE t ADD CHECK (a > 0)"));
        assertEquals(List.of(new OtherDdl("ALTER TABLE", "t"), new OtherDdl("ALTER TABLE", "t")),
                pg("ALTER TABLE t DROP CONSTRAINT fk, ALTER COLUMN a SET NOT NULL"));
        assertEquals(List.of(new AddColumn("t", "a", true, false)), maria("ALTER TABLE t ADD a INT NOT NULL, ALGORITHM=INSTANT"));
    }

    @Test
    void writesAndSessionSettings() {
        assertEquals(List.of(new WriteRows("DELETE", "t", true)), pg("DELETE FROM t"));
        assertEquals(List.of(new WriteRows("DELETE", "t", false)), pg("DELETE FROM t WHERE id IN (SELECT id FROM u)"));
        assertEquals(List.of(new WriteRows("DELETE", "t", true)), pg("DELETE FROM t USING (SELECT id FROM u WHERE x) s"));
        assertEquals(List.of(new WriteRows("DELETE", "t1", false)), maria("DELETE t1 FROM t1 JOIN t2 ON t1.a = t2.a WHERE t2.b"));
        assertEquals(List.of(new WriteRows("INSERT", "t", false)), pg("INSERT INTO t SELECT * FROM u"));
        assertEquals(List.of(new WriteRows("DELETE", "t", true)), pg("WITH x AS (SELECT 1 WHERE true) DELETE FROM t"));
        assertEquals(List.of(), pg("COPY (SELECT 1) TO STDOUT"));
        assertEquals(List.of(new SetLockTimeout()), pg("SET LOCAL lock_timeout = '2s'"));
        assertEquals(List.of(), pg("SELECT count(*) FROM orders WHERE note = 'DELETE FROM orders'"));
        assertEquals(List.of(), pg("-- DROP TABLE orders\nSELECT 1"));
    }

    @Test
    void whatLocksATable() {
        assertFalse(pg("CREATE TABLE t (a int)").get(0).locksTable());
        assertTrue(pg("CREATE TABLE t (a int REFERENCES u)").get(0).locksTable());
        assertFalse(pg("CREATE INDEX CONCURRENTLY i ON t (a)").get(0).locksTable());
        assertTrue(pg("DROP VIEW v").get(0).locksTable());
        assertEquals(List.of(), pg("CREATE VIEW v AS SELECT 1"));
    }

    @Test
    void namesCompareAsSqlDoes() {
        assertTrue(SqlName.same("Orders", "orders"));
        assertTrue(SqlName.same("public.orders", "ORDERS"));
        assertTrue(SqlName.same("`orders`", "orders"));
        assertFalse(SqlName.same("\"Orders\"", "orders"));
        assertFalse(SqlName.same("a.orders", "b.orders"));
        assertEquals("My.Table.x", SqlName.normal("\"My.Table\".X"));
    }
}
