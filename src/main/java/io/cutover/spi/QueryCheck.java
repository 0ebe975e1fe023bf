package io.cutover.spi;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The one rule for SQL checks (a task's {@code verify}, checklist items): the query passes when its
 * first row's first column is true or a non-zero number; no row fails.
 */
public final class QueryCheck {
    private QueryCheck() {
    }

    /** What the check saw, and whether that passes. */
    public record Result(boolean passed, String seen) { }

    /** Runs {@code sql} on {@code connection} (autocommit or not, the caller decides). */
    public static Result run(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                return new Result(false, "no row");
            }
            Object value = rs.getObject(1);
            return new Result(passes(value), String.valueOf(value));
        }
    }

    /** True or a non-zero number passes; anything else (null, zero, text other than "t"/"true") fails. */
    public static boolean passes(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n) {
            return new BigDecimal(n.toString()).signum() != 0;
        }
        if (value instanceof String s) {
            String t = s.trim().toLowerCase(java.util.Locale.ROOT);
            return t.equals("t") || t.equals("true") || (t.matches("-?[0-9.]+") && new BigDecimal(t).signum() != 0);
        }
        return false;
    }
}
