package io.cutover.handlers.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Whether a statement may go in a batch is decided by plain scans (they run for every statement of every task); they
 * must say what the regular expressions they replaced said: the first word, and RETURNING as a whole word in any case.
 */
class BatchableScanTest {
    private static final Pattern FIRST_WORD = Pattern.compile("^\\s*([A-Za-z]+)");
    private static final Pattern RETURNING = Pattern.compile("(?i)\\breturning\\b");

    @Test
    void theScansAgreeWithTheExpressions() {
        List<String> samples = List.of("CREATE TABLE t (id INT)", "  \n\tinsert into t values (1)", "", "   ", "123 CREATE",
                "(SELECT 1)", "WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x", "INSERT INTO t VALUES (1) RETURNING id",
                "insert into t values (1) returning *", "INSERT INTO t VALUES (1) ReTuRnInG\n id", "UPDATE t SET returning_x = 1",
                "UPDATE t SET x_returning = 1", "UPDATE t SET returning2 = 1", "DELETE FROM t WHERE note = 'returning'",
                "returning", "RETURNING;", "x.returning", "DO $$ BEGIN END $$", "COMMENT ON TABLE t IS 'a'", "créer returning",
                "éreturning", "returningé", "GRANT SELECT ON t TO u", "TRUNCATE t", "alter table t add column c int");
        for (String sql : samples) {
            Matcher first = FIRST_WORD.matcher(sql);
            assertEquals(first.find() ? first.group(1).toUpperCase(Locale.ROOT) : "", SqlHandler.firstWord(sql), sql);
            assertEquals(RETURNING.matcher(sql).find(), SqlHandler.containsWord(sql, "RETURNING"), sql);
        }
    }
}
