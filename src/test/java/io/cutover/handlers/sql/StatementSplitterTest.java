package io.cutover.handlers.sql;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.TestDatabases;
import io.cutover.plan.Datasource.Engine;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StatementSplitterTest {

    static final String SEED = """
            INSERT INTO user_preferences (user_id, preferences)
            SELECT id,
                   jsonb_build_object(
                       'theme', COALESCE(theme, 'light'),
                       'notifications', COALESCE(notifications_enabled, true)
                   )
            FROM users;
            -- a semicolon inside a string; must not split: 'a;b'
            DO $$
            BEGIN
                IF NOT EXISTS (SELECT 1 FROM user_preferences) AND EXISTS (SELECT 1 FROM users) THEN
                    RAISE EXCEPTION 'Migration failed: No preferences migrated; stop';
                END IF;
            END $$;
            """;

    static List<Statement> split(String script, Engine engine) {
        return StatementSplitter.split(script, engine);
    }

    static List<String> texts(String script, Engine engine) {
        return split(script, engine).stream().map(Statement::sql).toList();
    }

    static void assertAt(Statement statement, String sql, int line, int column) {
        assertAll(() -> assertEquals(sql, statement.sql()),
                () -> assertEquals(line, statement.line(), "line"),
                () -> assertEquals(column, statement.column(), "column"));
    }

    static String failure(String script, Engine engine) {
        return assertThrows(IllegalArgumentException.class, () -> split(script, engine)).getMessage();
    }

    // ---- Splitting

    @Test
    void theSeedScriptIsTwoStatements() {
        List<Statement> statements = split(SEED, Engine.POSTGRESQL);
        assertEquals(2, statements.size());
        assertAt(statements.get(0), """
                INSERT INTO user_preferences (user_id, preferences)
                SELECT id,
                       jsonb_build_object(
                           'theme', COALESCE(theme, 'light'),
                           'notifications', COALESCE(notifications_enabled, true)
                       )
                FROM users""", 1, 1);
        assertAt(statements.get(1), """
                DO $$
                BEGIN
                    IF NOT EXISTS (SELECT 1 FROM user_preferences) AND EXISTS (SELECT 1 FROM users) THEN
                        RAISE EXCEPTION 'Migration failed: No preferences migrated; stop';
                    END IF;
                END $$""", 9, 1);
        assertTrue(StatementSplitter.canRunInTransaction(statements));
    }

    @Test
    void theLastStatementNeedsNoSemicolon() {
        List<Statement> statements = split("SELECT 1; SELECT 2", Engine.POSTGRESQL);
        assertAt(statements.get(0), "SELECT 1", 1, 1);
        assertAt(statements.get(1), "SELECT 2", 1, 11);
    }

    @Test
    void emptyStatementsYieldNothing() {
        List<Statement> statements = split(";;  ;\n SELECT 1;;\n;", Engine.POSTGRESQL);
        assertEquals(1, statements.size());
        assertAt(statements.get(0), "SELECT 1", 2, 2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   \n\t ", "-- only a note; really\n", "/* a block; */\n-- and a line",
        ";\n-- after; nothing\n;"})
    void whitespaceAndCommentsYieldNothing(String script) {
        for (Engine engine : Engine.values()) {
            assertEquals(List.of(), split(script, engine), engine.name());
        }
    }

    @Test
    void leadingCommentsAreDroppedAndThePositionSkipsThem() {
        List<Statement> statements = split("-- first; note\n  /* more; */ SELECT 1;", Engine.POSTGRESQL);
        assertAt(statements.get(0), "SELECT 1", 2, 15);
    }

    @Test
    void commentsInsideAreKeptAndTrailingOnesDropped() {
        assertEquals(List.of("SELECT 1 -- one; two\n  + 2", "SELECT 3"),
                texts("SELECT 1 -- one; two\n  + 2 /* trailing; */\n;\nSELECT 3 -- done;", Engine.POSTGRESQL));
    }

    @Test
    void singleQuotesWithDoubledQuotes() {
        assertEquals(List.of("INSERT INTO t VALUES ('it''s; fine', ';')", "SELECT 2"),
                texts("INSERT INTO t VALUES ('it''s; fine', ';'); SELECT 2", Engine.POSTGRESQL));
    }

    @Test
    void doubleQuotedIdentifiers() {
        assertEquals(List.of("SELECT \"a;b\" FROM \"t\"\"; x\"", "SELECT 2"),
                texts("SELECT \"a;b\" FROM \"t\"\"; x\"; SELECT 2", Engine.POSTGRESQL));
    }

    @Test
    void windowsAndOldMacLineEndsCountAsOneLine() {
        List<Statement> statements = split("SELECT 1;\r\nSELECT 2;\r\n  SELECT 3;\r\rSELECT 4", Engine.POSTGRESQL);
        assertAt(statements.get(1), "SELECT 2", 2, 1);
        assertAt(statements.get(2), "SELECT 3", 3, 3);
        assertAt(statements.get(3), "SELECT 4", 5, 1);
    }

    @Test
    void columnsCountCodePointsAndTabsAsOne() {
        List<Statement> statements = split("SELECT '\uD83D\uDE00';  SELECT 2;\n\t\tSELECT 3", Engine.POSTGRESQL);
        assertAt(statements.get(1), "SELECT 2", 1, 14);
        assertAt(statements.get(2), "SELECT 3", 2, 3);
    }

    @Test
    void aStatementSpanningLinesKeepsItsInnerLayout() {
        List<Statement> statements = split("\n\n   UPDATE t\n   SET a = 1\n   WHERE b = ';';", Engine.MARIADB);
        assertAt(statements.get(0), "UPDATE t\n   SET a = 1\n   WHERE b = ';'", 3, 4);
    }

    @Test
    void aQuoteInsideACommentOpensNothing() {
        assertEquals(List.of("SELECT 1", "SELECT 2"), texts("-- it's\nSELECT 1; /* don't */ SELECT 2", Engine.POSTGRESQL));
    }

    @Test
    void canRunInTransactionNeedsEveryStatement() {
        assertTrue(StatementSplitter.canRunInTransaction(List.of()));
        assertTrue(StatementSplitter.canRunInTransaction(split("INSERT INTO t VALUES (1); UPDATE t SET a = 2", Engine.POSTGRESQL)));
        assertFalse(StatementSplitter.canRunInTransaction(split("INSERT INTO t VALUES (1); VACUUM t", Engine.POSTGRESQL)));
    }

    // ---- Postgres

    @Test
    void escapeStringsTakeBackslashes() {
        assertEquals(List.of("SELECT E'it\\'s;'", "SELECT e'\\\\'", "SELECT 3"),
                texts("SELECT E'it\\'s;'; SELECT e'\\\\'; SELECT 3", Engine.POSTGRESQL));
    }

    @Test
    void aBackslashIsPlainInStandardStrings() {
        assertEquals(List.of("SELECT 'C:\\'", "SELECT 2"), texts("SELECT 'C:\\'; SELECT 2", Engine.POSTGRESQL));
    }

    @Test
    void anAliasNamedEIsNoEscapeString() {
        assertEquals(List.of("SELECT e.name FROM emp e WHERE e.note = 'a\\'", "SELECT 2"),
                texts("SELECT e.name FROM emp e WHERE e.note = 'a\\'; SELECT 2", Engine.POSTGRESQL));
    }

    @Test
    void dollarQuotesHideSemicolons() {
        assertEquals(List.of("DO $$ BEGIN PERFORM 1; PERFORM 'x;'; END $$", "SELECT 2"),
                texts("DO $$ BEGIN PERFORM 1; PERFORM 'x;'; END $$; SELECT 2", Engine.POSTGRESQL));
    }

    @Test
    void taggedDollarQuotesHoldOtherTags() {
        String script = """
                CREATE FUNCTION f() RETURNS text LANGUAGE plpgsql AS $outer$
                BEGIN
                  EXECUTE $inner$ SELECT 1; $inner$;
                  RETURN $$x;y$$;
                END
                $outer$;
                SELECT f()""";
        List<Statement> statements = split(script, Engine.POSTGRESQL);
        assertEquals(2, statements.size());
        assertTrue(statements.get(0).sql().endsWith("END\n$outer$"));
        assertAt(statements.get(1), "SELECT f()", 7, 1);
    }

    @Test
    void tagsAreCaseSensitive() {
        assertEquals(List.of("SELECT $a$ $A$; $a$", "SELECT 2"), texts("SELECT $a$ $A$; $a$; SELECT 2", Engine.POSTGRESQL));
    }

    @Test
    void positionalParametersAreNoDollarQuotes() {
        assertEquals(List.of("PREPARE q(int, int) AS SELECT $1 + $2", "EXECUTE q(1, 2)"),
                texts("PREPARE q(int, int) AS SELECT $1 + $2; EXECUTE q(1, 2);", Engine.POSTGRESQL));
    }

    @Test
    void dollarSignsInsideIdentifiersAreNoDollarQuotes() {
        assertEquals(List.of("SELECT a$b$ FROM t$", "SELECT 2"), texts("SELECT a$b$ FROM t$; SELECT 2", Engine.POSTGRESQL));
    }

    @Test
    void blockCommentsNest() {
        List<Statement> statements = split("/* outer /* inner; */ still; */ SELECT 1; SELECT 2", Engine.POSTGRESQL);
        assertAt(statements.get(0), "SELECT 1", 1, 33);
        assertEquals(2, statements.size());
    }

    @Test
    void doubleDashNeedsNoSpaceAndHashIsAnOperator() {
        assertEquals(List.of("SELECT 1", "SELECT 2 # 3", "SELECT 4"),
                texts("SELECT 1 --comment; not split\n; SELECT 2 # 3; SELECT 4", Engine.POSTGRESQL));
    }

    @Test
    void backquotesAreOrdinaryCharacters() {
        assertEquals(List.of("SELECT 1 `", "SELECT 2 `"), texts("SELECT 1 `; SELECT 2 `", Engine.POSTGRESQL));
    }

    @Test
    void sqlStandardFunctionBodiesStayWhole() {
        String script = """
                CREATE OR REPLACE FUNCTION add_one(i int) RETURNS int LANGUAGE sql
                BEGIN ATOMIC
                  SELECT CASE WHEN i IS NULL THEN 0 ELSE i + 1 END;
                END;
                SELECT add_one(1);""";
        assertEquals(List.of("""
                CREATE OR REPLACE FUNCTION add_one(i int) RETURNS int LANGUAGE sql
                BEGIN ATOMIC
                  SELECT CASE WHEN i IS NULL THEN 0 ELSE i + 1 END;
                END""", "SELECT add_one(1)"), texts(script, Engine.POSTGRESQL));
    }

    @Test
    void beginOutsideAFunctionIsATransactionStart() {
        assertEquals(List.of("BEGIN", "SELECT 1", "END"), texts("BEGIN; SELECT 1; END;", Engine.POSTGRESQL));
    }

    // ---- MariaDb

    @Test
    void backslashesEscapeInBothQuotes() {
        assertEquals(List.of("INSERT INTO t VALUES ('it\\'s; fine', \"say \\\"hi\\\"; ok\", 'a\\\\')", "SELECT 2"),
                texts("INSERT INTO t VALUES ('it\\'s; fine', \"say \\\"hi\\\"; ok\", 'a\\\\'); SELECT 2", Engine.MARIADB));
    }

    @Test
    void backquotedIdentifiers() {
        assertEquals(List.of("SELECT `a;b`, `c``;d` FROM t", "SELECT 2"),
                texts("SELECT `a;b`, `c``;d` FROM t; SELECT 2", Engine.MARIADB));
    }

    @Test
    void hashStartsALineComment() {
        List<Statement> statements = split("SELECT 1; # note; here\nSELECT 2", Engine.MARIADB);
        assertAt(statements.get(1), "SELECT 2", 2, 1);
        assertEquals(2, statements.size());
    }

    @Test
    void doubleDashNeedsASpace() {
        assertEquals(List.of("SELECT 1 --1", "SELECT 2", "SELECT 3"),
                texts("SELECT 1 --1;\nSELECT 2 -- 1;\n;SELECT 3 --", Engine.MARIADB));
    }

    @Test
    void blockCommentsDoNotNest() {
        assertEquals(List.of("SELECT 1", "SELECT 2"), texts("/* a /* b; */ SELECT 1; SELECT 2", Engine.MARIADB));
    }

    @Test
    void executableCommentsAreCode() {
        assertEquals(List.of("/*!40101 SET NAMES utf8mb4 */", "/*M!100100 SET @x = 1 */", "SELECT 1"),
                texts("/*!40101 SET NAMES utf8mb4 */;\n/*M!100100 SET @x = 1 */;\nSELECT 1", Engine.MARIADB));
    }

    @Test
    void dollarSignsOpenNothing() {
        assertEquals(List.of("SELECT 1 AS $x$", "SELECT 2"), texts("SELECT 1 AS $x$; SELECT 2", Engine.MARIADB));
    }

    @Test
    void aProcedureWithEveryKindOfBlockIsOneStatement() {
        String procedure = """
                CREATE PROCEDURE fill(IN n INT)
                BEGIN
                  DECLARE i INT DEFAULT 0;
                  IF n > 0 THEN
                    WHILE i < n DO
                      INSERT INTO t VALUES (i, IF(i > 1, 'big', 'small'));
                      SET i = i + 1;
                    END WHILE;
                  ELSEIF n IS NULL THEN
                    SET i = 0;
                  END IF;
                  CASE WHEN n > 10 THEN SELECT 'many'; ELSE SELECT 'few'; END CASE;
                  lbl: LOOP
                    LEAVE lbl;
                  END LOOP lbl;
                  REPEAT SET i = i - 1; UNTIL i <= 0 END REPEAT;
                  SELECT REPEAT('a', 3), CASE WHEN n = 1 THEN 'one' ELSE 'other' END;
                END""";
        List<Statement> statements = split(procedure + ";\nCALL fill(3)", Engine.MARIADB);
        assertEquals(List.of(procedure, "CALL fill(3)"), statements.stream().map(Statement::sql).toList());
        assertAt(statements.get(1), "CALL fill(3)", 19, 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "CREATE DEFINER=`root`@`localhost` PROCEDURE p() BEGIN SELECT 1; SELECT 2; END",
        "CREATE OR REPLACE DEFINER = 'root'@'%' FUNCTION f() RETURNS INT DETERMINISTIC BEGIN DECLARE x INT; SET x = 1; RETURN x; END",
        "CREATE DEFINER=CURRENT_USER() AGGREGATE FUNCTION g(x INT) RETURNS INT BEGIN DECLARE s INT DEFAULT 0; RETURN s; END",
        "create definer = root@localhost event ev on schedule every 1 day do begin delete from t; delete from u; end",
        "CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW IF NEW.a < 0 THEN SET NEW.a = 0; END IF",
        "CREATE PROCEDURE IF NOT EXISTS p() BEGIN DROP TABLE IF EXISTS x; CREATE TABLE IF NOT EXISTS y (a INT);"
                + " IF EXISTS (SELECT 1 FROM y) THEN SELECT 1; END IF; END",
        "CREATE PROCEDURE p() IF (SELECT COUNT(*) FROM t) > 0 THEN DELETE FROM t; END IF",
        "BEGIN NOT ATOMIC DECLARE x INT DEFAULT 1; SELECT x; END",
        "CREATE FUNCTION f(a INT) RETURNS INT DETERMINISTIC RETURN IF(a > 0, 1, 0)",
        "CREATE PROCEDURE p() BEGIN SELECT CASE WHEN IF(a, 1, 0) = 1 THEN 'y' END FROM t;"
                + " IF NOT done THEN SELECT 1; END IF; END"})
    void storedProgramsStayWhole(String program) {
        List<Statement> statements = split(program + ";\nSELECT 2", Engine.MARIADB);
        assertEquals(List.of(program, "SELECT 2"), statements.stream().map(Statement::sql).toList());
        assertFalse(statements.get(0).transactional());
    }

    @Test
    void beginOutsideAStoredProgramIsATransactionStart() {
        List<Statement> statements = split("BEGIN; INSERT INTO t VALUES (1); COMMIT;", Engine.MARIADB);
        assertEquals(List.of("BEGIN", "INSERT INTO t VALUES (1)", "COMMIT"), statements.stream().map(Statement::sql).toList());
        assertEquals(List.of(false, true, false), statements.stream().map(Statement::transactional).toList());
    }

    @Test
    void aColumnNamedDelimiterIsNoClientCommand() {
        assertEquals(List.of("CREATE TABLE t (\n  delimiter CHAR(1),\n  `end` INT\n)", "SELECT 1"),
                texts("CREATE TABLE t (\n  delimiter CHAR(1),\n  `end` INT\n); SELECT 1", Engine.MARIADB));
        assertEquals(List.of("SELECT a,\n  delimiter, b\nFROM t"), texts("SELECT a,\n  delimiter, b\nFROM t;", Engine.MARIADB));
    }

    // ---- H2

    @Test
    void dollarQuotedStrings() {
        assertEquals(List.of("INSERT INTO t VALUES ($$it's; ok$$)", "SELECT 2"),
                texts("INSERT INTO t VALUES ($$it's; ok$$); SELECT 2", Engine.H2));
    }

    @Test
    void slashSlashStartsALineComment() {
        assertEquals(List.of("SELECT 1", "SELECT 2"), texts("SELECT 1; // note; here\nSELECT 2", Engine.H2));
    }

    @Test
    void blockCommentsNestAndBackslashesArePlain() {
        assertEquals(List.of("SELECT 'C:\\'", "SELECT 2"), texts("/* a /* b; */ c; */ SELECT 'C:\\'; SELECT 2", Engine.H2));
    }

    // ---- an engine cutover does not know

    @Test
    void anUnknownEngineGetsTheStandardRules() {
        List<Statement> statements = split("SELECT 'a\\'; /* x /* y; */ z; */ CREATE TABLE t (a INT)", Engine.UNKNOWN);
        assertEquals(List.of("SELECT 'a\\'", "CREATE TABLE t (a INT)"), statements.stream().map(Statement::sql).toList());
        assertEquals(List.of(true, false), statements.stream().map(Statement::transactional).toList());
    }

    // ---- Errors

    @Test
    void anUnclosedStringNamesWhereItOpened() {
        assertEquals("a quoted string opened at line 2, column 8 is never closed",
                failure("SELECT 1;\nSELECT 'abc;", Engine.POSTGRESQL));
    }

    @Test
    void anUnclosedDollarQuoteNamesItsTag() {
        assertEquals("a dollar-quoted string opened at line 3, column 5 ($body$) is never closed",
                failure("SELECT 1;\n\nDO  $body$ BEGIN NULL; END $bod$;", Engine.POSTGRESQL));
    }

    @Test
    void anUnclosedNestedCommentExplainsNesting() {
        assertEquals("a block comment opened at line 1, column 1 is never closed (block comments nest here: each /* needs its own */)",
                failure("/* a /* b */ SELECT 1;", Engine.POSTGRESQL));
    }

    @Test
    void anUnclosedEscapeString() {
        assertEquals("an escape string opened at line 1, column 8 is never closed (in E'...' a backslash escapes the character after it)",
                failure("SELECT E'it\\';", Engine.POSTGRESQL));
    }

    @Test
    void aTrailingBackslashOnMariaDbEscapesTheQuote() {
        assertEquals("a quoted string opened at line 1, column 8 is never closed"
                + " (on MariaDB a backslash escapes the character after it: write \\\\ for one backslash)",
                failure("SELECT 'C:\\'; SELECT 2", Engine.MARIADB));
    }

    @Test
    void unclosedIdentifiers() {
        assertEquals("a quoted identifier opened at line 1, column 8 is never closed", failure("SELECT \"abc", Engine.POSTGRESQL));
        assertEquals("a backquoted identifier opened at line 1, column 8 is never closed", failure("SELECT `abc", Engine.MARIADB));
        assertTrue(failure("SELECT \"abc", Engine.MARIADB).startsWith("a double-quoted string opened at line 1, column 8"));
    }

    @Test
    void aDollarTagOnMariaDbIsNoQuoteButOnPostgresItIs() {
        assertTrue(failure("SELECT 1 AS $x$; SELECT 2", Engine.POSTGRESQL).startsWith("a dollar-quoted string opened at line 1, column 13 ($x$)"));
    }

    @Test
    void anUnclosedStoredProgramBlock() {
        assertEquals("a BEGIN block opened at line 2, column 1 is never closed"
                + " (in a stored program every BEGIN, CASE, IF, LOOP, WHILE and REPEAT needs its END)",
                failure("CREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\n  IF 1 THEN SELECT 2; END IF;\n", Engine.MARIADB));
        assertEquals("a BEGIN block opened at line 1, column 46 is never closed (in a BEGIN ATOMIC body every BEGIN and CASE needs its END)",
                failure("CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1;", Engine.POSTGRESQL));
    }

    @Test
    void delimiterLinesAreRejected() {
        String expected = "line 1, column 1: DELIMITER is a command of the mysql client, not SQL, and is not supported:"
                + " end every statement with ';' (a CREATE PROCEDURE, FUNCTION, TRIGGER or EVENT with BEGIN ... END is kept whole)";
        assertEquals(expected, failure("DELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT 1; END //\nDELIMITER ;", Engine.MARIADB));
        assertTrue(failure("SELECT 1\n  delimiter $$\n", Engine.MARIADB).startsWith("line 2, column 3: DELIMITER is a command"));
        assertTrue(failure("-- ours\nDELIMITER ;;", Engine.POSTGRESQL).startsWith("line 2, column 1: DELIMITER"));
        assertTrue(failure("SELECT 1; delimiter //", Engine.MARIADB).startsWith("line 1, column 11: DELIMITER"));
    }

    // ---- Transactions

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "CREATE INDEX CONCURRENTLY i ON t (a)| false",
        "create unique index\\n  -- why: no lock\\n  concurrently i ON t (a)| false",
        "DROP INDEX CONCURRENTLY IF EXISTS i| false",
        "REINDEX INDEX CONCURRENTLY i| false",
        "REINDEX (CONCURRENTLY) TABLE t| false",
        "REINDEX (VERBOSE) TABLE t| true",
        "REINDEX SCHEMA s| false",
        "REINDEX DATABASE d| false",
        "VACUUM| false",
        "vacuum (analyze) t| false",
        "ANALYZE t| true",
        "CREATE DATABASE d| false",
        "DROP DATABASE IF EXISTS d| false",
        "ALTER SYSTEM SET work_mem = '8MB'| false",
        "CREATE TABLESPACE ts LOCATION '/x'| false",
        "DROP TABLESPACE ts| false",
        "ALTER DATABASE d SET TABLESPACE ts| false",
        "ALTER DATABASE d SET work_mem = '8MB'| true",
        "CREATE SUBSCRIPTION s CONNECTION 'dbname=x' PUBLICATION p| false",
        "ALTER TABLE p DETACH PARTITION c CONCURRENTLY| false",
        "ALTER TYPE mood ADD VALUE 'meh'| true",
        "CLUSTER| false",
        "CLUSTER VERBOSE| false",
        "CLUSTER t USING i| true",
        "REFRESH MATERIALIZED VIEW CONCURRENTLY mv| true",
        "INSERT INTO t VALUES ('CREATE INDEX CONCURRENTLY')| true",
        "/* VACUUM */ SELECT 1| true",
        "SELECT \"concurrently\" FROM t| true",
        "CREATE TABLE t (a int)| true",
        "CREATE INDEX i ON t (a)| true",
        "BEGIN| false",
        "START TRANSACTION| false",
        "COMMIT| false",
        "ROLLBACK| false",
        "ROLLBACK TO SAVEPOINT s| true",
        "SAVEPOINT s| true",
    })
    void postgres(String sql, boolean transactional) {
        assertEquals(transactional, split(sql.replace("\\n", "\n"), Engine.POSTGRESQL).get(0).transactional(), sql);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "CREATE TABLE t (a INT)| false",
        "ALTER TABLE t ADD b INT| false",
        "DROP TABLE t| false",
        "RENAME TABLE t TO u| false",
        "TRUNCATE TABLE t| false",
        "LOCK TABLES t WRITE| false",
        "UNLOCK TABLES| false",
        "CALL p()| false",
        "GRANT SELECT ON t TO u| false",
        "ANALYZE TABLE t| false",
        "SET PASSWORD FOR u = PASSWORD('x')| false",
        "CREATE TEMPORARY TABLE tmp (a INT)| true",
        "CREATE OR REPLACE TEMPORARY TABLE tmp (a INT)| true",
        "DROP TEMPORARY TABLE tmp| true",
        "INSERT INTO t VALUES (1)| true",
        "REPLACE INTO t VALUES (1)| true",
        "UPDATE t SET a = 2| true",
        "DELETE FROM t| true",
        "SELECT 'CREATE' FROM t| true",
        "# DROP\\nSET @x = 1| true",
        "START TRANSACTION| false",
    })
    void mariaDb(String sql, boolean transactional) {
        assertEquals(transactional, split(sql.replace("\\n", "\n"), Engine.MARIADB).get(0).transactional(), sql);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "CREATE TABLE t (a INT)| false",
        "CREATE LOCAL TEMPORARY TABLE t (a INT)| false",
        "ALTER TABLE t ADD b INT| false",
        "DROP TABLE t| false",
        "TRUNCATE TABLE t| false",
        "COMMENT ON TABLE t IS 'x'| false",
        "INSERT INTO t VALUES (1)| true",
        "MERGE INTO t KEY (a) VALUES (1)| true",
        "UPDATE t SET a = 2| true",
        "VACUUM| true",
    })
    void h2(String sql, boolean transactional) {
        assertEquals(transactional, split(sql.replace("\\n", "\n"), Engine.H2).get(0).transactional(), sql);
    }

    // ---- RealDatabases: The splitter's output runs on the real servers, and its transaction rules match theirs.

    private static final String PG_ADMIN = "jdbc:postgresql://" + TestDatabases.PG_HOST + ":" + TestDatabases.PG_PORT + "/postgres";
    private static final String MARIA_ADMIN = "jdbc:mariadb://" + TestDatabases.MARIA_HOST + ":" + TestDatabases.MARIA_PORT + "/";

    private final String name = "splitter_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    void runAll(Connection connection, String script, Engine engine) throws SQLException {
        for (Statement statement : split(script, engine)) {
            try (java.sql.Statement jdbc = connection.createStatement()) {
                jdbc.execute(statement.sql());
            }
        }
    }

    Map<Integer, String> bodies(Connection connection, String query) throws SQLException {
        Map<Integer, String> bodies = new LinkedHashMap<>();
        try (java.sql.Statement jdbc = connection.createStatement(); ResultSet rows = jdbc.executeQuery(query)) {
            while (rows.next()) {
                bodies.put(rows.getInt(1), rows.getString(2));
            }
        }
        return bodies;
    }

    String scalar(Connection connection, String query) throws SQLException {
        try (java.sql.Statement jdbc = connection.createStatement(); ResultSet rows = jdbc.executeQuery(query)) {
            rows.next();
            return rows.getString(1);
        }
    }

    Connection postgresSchema() throws SQLException {
        Connection connection = DriverManager.getConnection(PG_ADMIN, TestDatabases.PG_USER, "");
        try (java.sql.Statement jdbc = connection.createStatement()) {
            jdbc.execute("CREATE SCHEMA " + name);
            jdbc.execute("SET search_path TO " + name);
        }
        return connection;
    }

    void dropPostgresSchema(Connection connection) throws SQLException {
        connection.setAutoCommit(true);
        try (java.sql.Statement jdbc = connection.createStatement()) {
            jdbc.execute("DROP SCHEMA " + name + " CASCADE");
        }
        connection.close();
    }

    @Test
    void aTrickyPostgresScriptRunsStatementByStatement() throws SQLException {
        String script = """
                -- tricky; script
                CREATE TABLE notes (id int PRIMARY KEY, body text);
                INSERT INTO notes VALUES (1, E'it\\'s; escaped'), (2, 'C:\\temp; raw'), (3, $$dollar; 'quoted'$$);
                /* a block /* nested; */ comment; */
                CREATE FUNCTION shout(t text) RETURNS text LANGUAGE plpgsql AS $body$
                DECLARE
                  suffix text := $inner$!; $inner$;
                BEGIN
                  RETURN upper(t) || suffix; -- a comment; inside
                END
                $body$;
                CREATE FUNCTION add_one(i int) RETURNS int LANGUAGE sql
                BEGIN ATOMIC
                  SELECT CASE WHEN i IS NULL THEN 0 ELSE i + 1 END;
                END;
                PREPARE pick(int) AS SELECT body FROM notes WHERE id = $1;
                DO $$
                BEGIN
                  INSERT INTO notes VALUES (4, shout('done'));
                END $$;
                CREATE INDEX CONCURRENTLY notes_body ON notes (body);
                """;
        List<Statement> statements = split(script, Engine.POSTGRESQL);
        assertEquals(7, statements.size());
        assertFalse(StatementSplitter.canRunInTransaction(statements));
        Connection connection = postgresSchema();
        try {
            runAll(connection, script, Engine.POSTGRESQL);
            assertEquals(Map.of(1, "it's; escaped", 2, "C:\\temp; raw", 3, "dollar; 'quoted'", 4, "DONE!; "),
                    bodies(connection, "SELECT id, body FROM notes ORDER BY id"));
            assertEquals("2", scalar(connection, "SELECT add_one(1)"));
            assertEquals("C:\\temp; raw", scalar(connection, "EXECUTE pick(2)"));
            assertEquals("notes_body", scalar(connection, "SELECT indexname FROM pg_indexes WHERE tablename = 'notes' AND indexname = 'notes_body'"));
        } finally {
            dropPostgresSchema(connection);
        }
    }

    @Test
    void theSeedScriptRunsOnPostgres() throws SQLException {
        Connection connection = postgresSchema();
        try {
            runAll(connection, """
                    CREATE TABLE users (id int PRIMARY KEY, theme text, notifications_enabled boolean);
                    CREATE TABLE user_preferences (user_id int PRIMARY KEY, preferences jsonb);
                    INSERT INTO users VALUES (1, NULL, NULL), (2, 'dark', false);
                    """, Engine.POSTGRESQL);
            runAll(connection, SEED, Engine.POSTGRESQL);
            assertEquals("{\"theme\": \"dark\", \"notifications\": false}",
                    scalar(connection, "SELECT preferences::text FROM user_preferences WHERE user_id = 2"));
        } finally {
            dropPostgresSchema(connection);
        }
    }

    /** Each statement is refused in a transaction block (SQLSTATE 25001) exactly when it is not transactional. */
    @Test
    void postgresRefusesExactlyTheNonTransactionalStatements() throws SQLException {
        Connection connection = postgresSchema();
        try {
            runAll(connection, """
                    CREATE TABLE t (a int);
                    CREATE INDEX t_a ON t (a);
                    CREATE TYPE mood AS ENUM ('ok');
                    CREATE MATERIALIZED VIEW mv AS SELECT 1 AS k;
                    CREATE UNIQUE INDEX mv_k ON mv (k);
                    CREATE TABLE parted (a int) PARTITION BY RANGE (a);
                    CREATE TABLE parted_1 PARTITION OF parted FOR VALUES FROM (0) TO (10);
                    """, Engine.POSTGRESQL);
            String script = """
                    CREATE INDEX CONCURRENTLY t_a2 ON t (a);
                    create unique index
                      -- why: no lock
                      concurrently t_a3 ON t (a);
                    DROP INDEX CONCURRENTLY t_a;
                    REINDEX INDEX CONCURRENTLY t_a;
                    REINDEX (CONCURRENTLY) TABLE t;
                    REINDEX SCHEMA %1$s;
                    VACUUM t;
                    VACUUM (ANALYZE) t;
                    CREATE DATABASE %1$s_never;
                    DROP DATABASE IF EXISTS %1$s_never;
                    ALTER SYSTEM SET work_mem = '8MB';
                    CREATE TABLESPACE %1$s_never LOCATION '/nonexistent';
                    DROP TABLESPACE IF EXISTS %1$s_never;
                    ALTER DATABASE postgres SET TABLESPACE pg_default;
                    CREATE SUBSCRIPTION %1$s_sub CONNECTION 'dbname=none' PUBLICATION p;
                    ALTER TABLE parted DETACH PARTITION parted_1 CONCURRENTLY;
                    CLUSTER;
                    CLUSTER t USING t_a;
                    REINDEX TABLE t;
                    ANALYZE t;
                    CREATE INDEX t_a4 ON t (a);
                    ALTER TYPE mood ADD VALUE 'meh';
                    REFRESH MATERIALIZED VIEW CONCURRENTLY mv;
                    INSERT INTO t VALUES (1);
                    """.formatted(name);
            List<Statement> statements = split(script, Engine.POSTGRESQL);
            assertEquals(24, statements.size());
            connection.setAutoCommit(false);
            for (Statement statement : statements) {
                assertEquals(!statement.transactional(), refusedInTransaction(connection, statement.sql()), statement.sql());
            }
        } finally {
            dropPostgresSchema(connection);
        }
    }

    private boolean refusedInTransaction(Connection connection, String sql) throws SQLException {
        try (java.sql.Statement jdbc = connection.createStatement()) {
            jdbc.execute("SELECT 1"); // the transaction block is open
            jdbc.execute(sql);
            return false;
        } catch (SQLException e) {
            if (!"25001".equals(e.getSQLState())) {
                throw e;
            }
            return true;
        } finally {
            connection.rollback();
        }
    }

    @Test
    void aTrickyMariaDbScriptRunsStatementByStatement() throws SQLException {
        String script = """
                # tricky; MariaDB script
                CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(100), `semi;colon` INT DEFAULT 0);
                INSERT INTO notes (id, body) VALUES (1, 'it\\'s; escaped'), (2, "double \\"quoted\\"; ok"), (3, 'back\\\\slash;');
                -- a comment; with a semicolon
                /* block; comment */
                CREATE PROCEDURE fill(IN n INT)
                BEGIN
                  DECLARE i INT DEFAULT 10;
                  WHILE i < 10 + n DO
                    IF i % 2 = 0 THEN
                      INSERT INTO notes (id, body) VALUES (i, CONCAT('even;', IF(i > 10, 'big', 'small')));
                    ELSE
                      INSERT INTO notes (id, body) VALUES (i, CASE WHEN i = 11 THEN 'eleven;' ELSE REPEAT('x', 2) END);
                    END IF;
                    SET i = i + 1;
                  END WHILE;
                END;
                CREATE DEFINER = CURRENT_USER FUNCTION twice(x INT) RETURNS INT DETERMINISTIC
                BEGIN
                  DECLARE r INT;
                  SET r = x * 2;
                  RETURN r;
                END;
                CREATE TRIGGER notes_upper BEFORE INSERT ON notes FOR EACH ROW
                IF NEW.id = 99 THEN SET NEW.body = UPPER(NEW.body); END IF;
                CALL fill(3);
                INSERT INTO notes (id, body) VALUES (99, 'shout; it')
                """;
        assertEquals(7, split(script, Engine.MARIADB).size());
        try (Connection admin = DriverManager.getConnection(MARIA_ADMIN, "root", "")) {
            runAll(admin, "CREATE DATABASE " + name, Engine.MARIADB);
            try (Connection connection = DriverManager.getConnection(MARIA_ADMIN + name, "root", "")) {
                runAll(connection, script, Engine.MARIADB);
                assertEquals(Map.of(1, "it's; escaped", 2, "double \"quoted\"; ok", 3, "back\\slash;",
                        10, "even;small", 11, "eleven;", 12, "even;big", 99, "SHOUT; IT"),
                        bodies(connection, "SELECT id, body FROM notes ORDER BY id"));
                assertEquals("42", scalar(connection, "SELECT twice(21)"));
            } finally {
                runAll(admin, "DROP DATABASE " + name, Engine.MARIADB);
            }
        }
    }

    /** A statement commits the open transaction on MariaDB exactly when it is not transactional (CALL aside). */
    @Test
    void mariaDbCommitsImplicitlyOnExactlyTheNonTransactionalStatements() throws SQLException {
        String script = """
                CREATE TABLE x (a INT);
                ALTER TABLE x ADD b INT;
                RENAME TABLE x TO y;
                TRUNCATE TABLE y;
                ANALYZE TABLE marker;
                CREATE TEMPORARY TABLE tmp (a INT);
                INSERT INTO tmp VALUES (1);
                DROP TEMPORARY TABLE tmp;
                DROP TABLE y;
                INSERT INTO marker VALUES (-1);
                UPDATE marker SET id = id WHERE id < 0;
                SELECT COUNT(*) FROM marker;
                SET @x = 1;
                LOCK TABLES marker WRITE;
                UNLOCK TABLES;
                """;
        try (Connection admin = DriverManager.getConnection(MARIA_ADMIN, "root", "")) {
            runAll(admin, "CREATE DATABASE " + name, Engine.MARIADB);
            try (Connection connection = DriverManager.getConnection(MARIA_ADMIN + name, "root", "")) {
                runAll(connection, "CREATE TABLE marker (id INT) ENGINE=InnoDB", Engine.MARIADB);
                assertImplicitCommitsMatch(connection, split(script, Engine.MARIADB));
            } finally {
                runAll(admin, "DROP DATABASE " + name, Engine.MARIADB);
            }
        }
    }

    @Test
    void anH2ScriptRunsAndItsDdlCommitsExactlyWhenNotTransactional() throws SQLException {
        String script = """
                CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(100));
                // a line comment; H2 style
                INSERT INTO notes VALUES (1, 'it''s; fine'), (2, $$dollar; 'quoted'$$), (3, 'C:\\temp;');
                /* nested /* comment; */ still; */
                UPDATE notes SET body = body || ';' WHERE id = 1 -- trailing; comment
                """;
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:" + name, "sa", "")) {
            runAll(connection, script, Engine.H2);
            assertEquals(Map.of(1, "it's; fine;", 2, "dollar; 'quoted'", 3, "C:\\temp;"),
                    bodies(connection, "SELECT id, body FROM notes ORDER BY id"));
            runAll(connection, "CREATE TABLE marker (id INT)", Engine.H2);
            assertImplicitCommitsMatch(connection, split("""
                    CREATE TABLE x (a INT);
                    ALTER TABLE x ADD b INT;
                    COMMENT ON TABLE x IS 'note; here';
                    TRUNCATE TABLE x;
                    CREATE LOCAL TEMPORARY TABLE tmp (a INT);
                    DROP TABLE x;
                    INSERT INTO notes VALUES (9, 'nine');
                    MERGE INTO notes KEY (id) VALUES (9, 'NINE');
                    UPDATE notes SET body = 'x' WHERE id = 9;
                    DELETE FROM notes WHERE id = 9;
                    SELECT COUNT(*) FROM notes;
                    """, Engine.H2));
        }
    }

    /** Runs each statement after an uncommitted marker row, rolls back, and sees whether the row stayed. */
    private void assertImplicitCommitsMatch(Connection connection, List<Statement> statements) throws SQLException {
        connection.setAutoCommit(false);
        int marker = 0;
        for (Statement statement : statements) {
            marker++;
            try (java.sql.Statement jdbc = connection.createStatement()) {
                jdbc.execute("INSERT INTO marker VALUES (" + marker + ")");
                jdbc.execute(statement.sql());
                connection.rollback();
                boolean committed = "1".equals(scalar(connection, "SELECT COUNT(*) FROM marker WHERE id = " + marker));
                assertEquals(!statement.transactional(), committed, statement.sql());
            }
        }
        connection.setAutoCommit(true);
    }
}
