package io.cutover.review;

import static io.cutover.review.LintPlans.MARIA;
import static io.cutover.review.LintPlans.of;
import static io.cutover.review.LintPlans.sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Each SQL lint rule on a one-task plan: a case that fires (with its place and words) and cases
 * that must not (the other dialect, the safe spelling, a new table, a string or a comment,
 * suppression). The {@code up} block starts on line 13, indented 10.
 */
class LintRulesTest {

    private static Finding only(Lint.Report report, Rule rule) {
        List<Finding> found = of(report, rule);
        assertEquals(1, found.size(), () -> rule.id() + ": expected one finding, got " + report.findings());
        return found.get(0);
    }

    private static void none(Lint.Report report, Rule rule) {
        assertEquals(List.of(), of(report, rule), rule.id() + " must not fire");
    }

    @Nested
    class DestructiveStatement {
        private final Rule rule = Rules.DESTRUCTIVE_STATEMENT;

        @Test
        void dropTableIsAnErrorWhereItStands() {
            Finding f = only(sql().up("SELECT 1;\nDROP TABLE orders;").lint(), rule);
            assertEquals(Severity.ERROR, f.severity());
            assertEquals(14, f.location().line());
            assertEquals(11, f.location().column());
            assertEquals("t", f.task().orElseThrow());
            assertEquals("phases[0].tasks[0]", f.path());
            assertEquals("DROP TABLE orders destroys data that no rollback brings back: keep the data, or mark the task "
                    + "irreversible: true and add a backup item to the checklist", f.message());
        }

        @Test
        void irreversibleWithoutBackupStaysAnError() {
            Finding f = only(sql().up("DROP TABLE orders;").key("irreversible: true").lint(), rule);
            assertEquals(Severity.ERROR, f.severity());
            assertTrue(f.message().contains("the checklist has no backup item"), f.message());
        }

        @Test
        void irreversibleWithBackupIsAWarning() {
            Finding f = only(sql().up("DROP TABLE orders;").key("irreversible: true").backupItem().lint(), rule);
            assertEquals(Severity.WARNING, f.severity());
            assertTrue(f.message().endsWith("the task is irreversible: true and the checklist has a backup item ('backup')"),
                    f.message());
        }

        @Test
        void truncateDropColumnAndDeleteWithoutWhereFire() {
            Lint.Report r = sql().up("""
                    TRUNCATE TABLE audit_log;
                    ALTER TABLE users DROP COLUMN legacy_flag;
                    DELETE FROM sessions;
                    DELETE FROM carts WHERE id IN (SELECT id FROM old_carts);
                    DELETE FROM tokens USING (SELECT id FROM t WHERE x > 1) s;
                    DROP SCHEMA archive CASCADE;
                    """).lint();
            List<String> what = of(r, rule).stream().map(f -> f.location().line() + " " + f.message().split(" destroys")[0]).toList();
            assertEquals(List.of("13 TRUNCATE audit_log", "14 ALTER TABLE users DROP COLUMN legacy_flag",
                    "15 DELETE FROM sessions without WHERE", "17 DELETE FROM tokens without WHERE", "18 DROP SCHEMA archive"), what);
        }

        @Test
        void mariaDbSpellingsFire() {
            Lint.Report r = sql().url(MARIA).up("ALTER TABLE users DROP legacy_flag, ALGORITHM=INPLACE;\nDROP TABLE IF EXISTS a, b;").lint();
            assertEquals(3, of(r, rule).size(), r.findings().toString());
        }

        @Test
        void notInDownNorInStringsOrComments() {
            Lint.Report r = sql().up("""
                    INSERT INTO log (note) VALUES ('DROP TABLE orders; TRUNCATE t');
                    -- DROP TABLE orders;
                    /* TRUNCATE orders; /* nested */ DELETE FROM orders; */
                    SELECT $body$ DROP TABLE x $body$;
                    DELETE FROM sessions WHERE expired;
                    """).down("DROP TABLE orders;\nTRUNCATE log;").key("verify: select true").lint();
            none(r, rule);
        }

        @Test
        void mariaDbCommentsAndEscapesHideNothingButCode() {
            none(sql().url(MARIA).up("""
                    # DROP TABLE orders;
                    INSERT INTO log VALUES ('it\\'s DROP TABLE orders', "TRUNCATE x");
                    SELECT 1; -- DROP TABLE gone
                    """).key("verify: select true").lint(), rule);
            Finding f = only(sql().url(MARIA).up("SELECT 1 --DROP\n;DROP TABLE real_one;").lint(), rule);
            assertTrue(f.message().startsWith("DROP TABLE real_one"), f.message());
        }

        @Test
        void postgresEscapeStringsHideNothingButCode() {
            none(sql().up("INSERT INTO log VALUES (E'it\\'s; DROP TABLE x');").key("verify: select true").lint(), rule);
        }

        @Test
        void droppingATableCreatedInTheSameScriptOrATemporaryOneIsNotDestructive() {
            none(sql().up("CREATE TABLE staging (id int);\nDROP TABLE staging;\nDROP TEMPORARY TABLE tmp;").url(MARIA).lint(), rule);
        }

        @Test
        void suppressedPerTask() {
            Lint.Report r = sql().up("DROP TABLE orders;").key("lint: {ignore: [destructive-statement]}").lint();
            none(r, rule);
            assertEquals(1, of(new Lint.Report(r.suppressed(), List.of()), rule).size());
        }
    }

    @Nested
    class CreateIndexBlocking {
        private final Rule rule = Rules.PG_CREATE_INDEX_BLOCKING;

        @Test
        void firesOnPostgres() {
            Finding f = only(sql().up("CREATE UNIQUE INDEX idx_a ON orders (a);").lint(), rule);
            assertEquals(Severity.WARNING, f.severity());
            assertEquals("CREATE INDEX idx_a ON orders blocks every write to orders until the index is built: use CREATE INDEX "
                    + "CONCURRENTLY", f.message());
        }

        @Test
        void firesThroughAnEnvDefault() {
            only(sql().url("${env.APP_URL:-jdbc:postgresql://db/app}").up("CREATE INDEX ON orders (a);").lint(), rule);
        }

        @Test
        void notConcurrentlyNorOnMariaDbNorOnANewTableNorOnAnUnknownEngine() {
            none(sql().up("CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_a ON orders (a);").lint(), rule);
            none(sql().url(MARIA).up("CREATE INDEX idx_a ON orders (a);").lint(), rule);
            none(sql().up("CREATE TABLE t (a int);\nCREATE INDEX idx_t ON t (a);").lint(), rule);
            none(sql().url("${env.APP_URL}").up("CREATE INDEX idx_a ON orders (a);").lint(), rule);
            none(sql().url("jdbc:h2:mem:x").up("CREATE INDEX idx_a ON orders (a);").lint(), rule);
        }

        @Test
        void suppressedPerTask() {
            Lint.Report r = sql().up("CREATE INDEX idx_a ON orders (a);").key("lint: {ignore: [pg-create-index-blocking]}").lint();
            none(r, rule);
            assertEquals(rule, r.suppressed().get(0).rule());
        }
    }

    @Nested
    class NotNullWithoutDefault {
        private final Rule rule = Rules.NOT_NULL_WITHOUT_DEFAULT;

        @Test
        void firesWithTheEnginesOwnEffect() {
            assertTrue(only(sql().up("ALTER TABLE users ADD COLUMN tier text NOT NULL;").lint(), rule).message()
                    .contains("PostgreSQL refuses it when users has rows"));
            assertTrue(only(sql().url(MARIA).up("ALTER TABLE users ADD tier VARCHAR(8) NOT NULL AFTER name;").lint(), rule).message()
                    .contains("MariaDB fills the existing rows of users with the type's implicit default"));
        }

        @Test
        void notWithADefaultOrNullableOrOnANewTable() {
            none(sql().up("ALTER TABLE users ADD COLUMN tier text NOT NULL DEFAULT 'bronze';").lint(), rule);
            none(sql().up("ALTER TABLE users ADD COLUMN id2 bigint GENERATED ALWAYS AS IDENTITY NOT NULL;").lint(), rule);
            none(sql().up("ALTER TABLE users ADD COLUMN tier text;").lint(), rule);
            none(sql().up("ALTER TABLE users ADD CONSTRAINT u UNIQUE (email);").lint(), rule);
            none(sql().up("CREATE TABLE t (a int);\nALTER TABLE t ADD COLUMN b int NOT NULL;").lint(), rule);
        }
    }

    @Nested
    class ColumnTypeRewrite {
        private final Rule rule = Rules.COLUMN_TYPE_REWRITE;

        @Test
        void firesOnPostgresAndOnMariaDbWithoutAnOnlineAlgorithm() {
            assertTrue(only(sql().up("ALTER TABLE orders ALTER COLUMN total TYPE numeric(14,2);").lint(), rule).message()
                    .startsWith("changing the type of orders.total rewrites orders"));
            only(sql().up("ALTER TABLE orders ALTER total SET DATA TYPE bigint;").lint(), rule);
            only(sql().url(MARIA).up("ALTER TABLE orders MODIFY total DECIMAL(14,2) NOT NULL DEFAULT 0;").lint(), rule);
            only(sql().url(MARIA).up("ALTER TABLE orders CHANGE total total DECIMAL(14,2);").lint(), rule);
        }

        @Test
        void notOtherColumnChangesNorAnOnlineMariaDbAlgorithm() {
            none(sql().up("ALTER TABLE orders ALTER COLUMN total SET DEFAULT 0;").lint(), rule);
            none(sql().url(MARIA).up("ALTER TABLE orders MODIFY note VARCHAR(200), ALGORITHM=INSTANT;").lint(), rule);
            none(sql().up("CREATE TABLE t (a int);\nALTER TABLE t ALTER COLUMN a TYPE bigint;").lint(), rule);
        }
    }

    @Nested
    class RenameBreaksApp {
        private final Rule rule = Rules.RENAME_BREAKS_APP;

        @Test
        void firesOnTableAndColumnRenamesInBothDialects() {
            assertEquals("renaming column users.name to full_name breaks every query of the running application that still "
                    + "names name", only(sql().up("ALTER TABLE users RENAME COLUMN name TO full_name;").lint(), rule).message());
            only(sql().up("ALTER TABLE users RENAME TO accounts;").lint(), rule);
            assertEquals(2, of(sql().url(MARIA).up("RENAME TABLE a TO a_old, b TO a;").lint(), rule).size());
            only(sql().url(MARIA).up("ALTER TABLE users CHANGE name full_name VARCHAR(100);").lint(), rule);
        }

        @Test
        void notConstraintOrIndexRenamesNorANewTable() {
            none(sql().up("ALTER TABLE users RENAME CONSTRAINT a TO b;").lint(), rule);
            none(sql().url(MARIA).up("ALTER TABLE users RENAME INDEX a TO b;").lint(), rule);
            none(sql().up("CREATE TABLE t_new (a int);\nALTER TABLE t_new RENAME COLUMN a TO b;").lint(), rule);
        }
    }

    @Nested
    class ConstraintWithoutNotValid {
        private final Rule rule = Rules.PG_CONSTRAINT_WITHOUT_NOT_VALID;

        @Test
        void firesOnForeignKeysAndChecks() {
            Finding f = only(sql().up("""
                    ALTER TABLE order_items
                        ADD CONSTRAINT fk_items_order
                        FOREIGN KEY (order_id) REFERENCES orders (id);
                    """).lint(), rule);
            assertEquals(13, f.location().line());
            assertTrue(f.message().startsWith("ALTER TABLE order_items ADD FOREIGN KEY without NOT VALID"), f.message());
            only(sql().up("ALTER TABLE orders ADD CHECK (total >= 0);").lint(), rule);
        }

        @Test
        void notWithNotValidNorOnMariaDbNorOnANewTable() {
            none(sql().up("ALTER TABLE items ADD CONSTRAINT fk FOREIGN KEY (o) REFERENCES orders (id) NOT VALID;").lint(), rule);
            none(sql().url(MARIA).up("ALTER TABLE items ADD CONSTRAINT fk FOREIGN KEY (o) REFERENCES orders (id);").lint(), rule);
            none(sql().up("CREATE TABLE items (o int);\nALTER TABLE items ADD FOREIGN KEY (o) REFERENCES orders (id);").lint(), rule);
        }
    }

    @Nested
    class DdlWithoutLockTimeout {
        private final Rule rule = Rules.PG_DDL_WITHOUT_LOCK_TIMEOUT;

        @Test
        void firesOnceAtTheFirstLockingStatement() {
            Finding f = only(sql().up("CREATE TABLE t (a int);\nALTER TABLE users ADD COLUMN x int;\nDROP INDEX i;").lint(), rule);
            assertEquals(14, f.location().line());
            assertTrue(f.message().startsWith("ALTER TABLE users ADD COLUMN x runs without lock_timeout (datasource 'db' sets none)"),
                    f.message());
            only(sql().up("SELECT 1;\nALTER TABLE users ADD COLUMN x int;\nSET lock_timeout = '5s';").lint(), rule);
        }

        @Test
        void notWithATimeoutNorOnMariaDbNorForNonLockingDdl() {
            none(sql().lockTimeout().up("ALTER TABLE users ADD COLUMN x int;").lint(), rule);
            none(sql().up("SET lock_timeout = '5s';\nALTER TABLE users ADD COLUMN x int;").lint(), rule);
            none(sql().up("SELECT set_config('lock_timeout', '5s', false);\nALTER TABLE users ADD COLUMN x int;").lint(), rule);
            none(sql().url(MARIA).up("ALTER TABLE users ADD COLUMN x int;").lint(), rule);
            none(sql().up("CREATE TABLE t (a int);\nCREATE INDEX CONCURRENTLY i ON users (a);").lint(), rule);
        }
    }

    @Nested
    class DataChangeWithoutVerify {
        private final Rule rule = Rules.DATA_CHANGE_WITHOUT_VERIFY;

        @Test
        void firesAtTheFirstWrite() {
            Finding f = only(sql().up("CREATE TABLE t (a int);\nINSERT INTO t SELECT id FROM users;").lint(), rule);
            assertEquals(14, f.location().line());
            assertEquals("task t changes data (INSERT INTO t) but has no 'verify' query that proves the result", f.message());
            only(sql().up("WITH old AS (SELECT id FROM users) UPDATE accounts SET x = 1 FROM old WHERE accounts.id = old.id;").lint(), rule);
        }

        @Test
        void notWithVerifyNorForSchemaOnlyTasks() {
            none(sql().up("INSERT INTO t VALUES (1);").key("verify: select count(*) = 1 from t").lint(), rule);
            none(sql().up("CREATE TABLE t (a int);").lint(), rule);
        }
    }

    @Nested
    class DownNotInverse {
        private final Rule rule = Rules.DOWN_NOT_INVERSE;

        @Test
        void createTableXDropTableY() {
            List<Finding> f = of(sql().up("CREATE TABLE x (a int);").down("DROP TABLE y;").lint(), rule);
            assertEquals(List.of("'up' creates table x but 'down' does not drop it: a rollback leaves it behind",
                    "'down' drops table y, but 'up' creates no such table: a rollback would destroy something this task did not make"),
                    f.stream().map(Finding::message).toList());
            assertEquals(14, f.get(0).location().line(), "at the down key's value");
            assertEquals(15, f.get(1).location().line(), "at the drop statement");
        }

        @Test
        void createIndexADropIndexBAndAddColumnCDropColumnD() {
            assertEquals(2, of(sql().up("CREATE INDEX a ON t (x);").down("DROP INDEX b;").lint(), rule).size());
            assertEquals(2, of(sql().up("ALTER TABLE t ADD COLUMN c int;").down("ALTER TABLE t DROP COLUMN d;").lint(), rule).size());
            assertEquals(2, of(sql().url(MARIA).up("ALTER TABLE t ADD INDEX a (x);").down("DROP INDEX b ON t;").lint(), rule).size());
        }

        @Test
        void notWhenDownUndoesUpOrCannotBeJudged() {
            none(sql().up("CREATE TABLE public.x (a int);\nCREATE INDEX i ON x (a);").down("DROP TABLE IF EXISTS X CASCADE;").lint(), rule);
            none(sql().up("CREATE INDEX CONCURRENTLY i ON t (a);").down("DROP INDEX CONCURRENTLY IF EXISTS i;").lint(), rule);
            none(sql().up("ALTER TABLE t ADD COLUMN c int;").down("ALTER TABLE t DROP COLUMN IF EXISTS c;").lint(), rule);
            none(sql().up("CREATE TABLE x (a int);").down("DO $$ BEGIN EXECUTE 'DROP TABLE x'; END $$;").lint(), rule);
            none(sql().up("UPDATE t SET a = 1;").down("UPDATE t SET a = NULL;").key("verify: select true").lint(), rule);
        }
    }
}
