package io.cutover.handlers.verify;

import io.cutover.plan.Datasource.Engine;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The checksum where both sides are PostgreSQL and the key is one integer column: each side
 * hashes its rows in the database, per chunk of the key range (count and sum of row hashes), both
 * sides at once; only the chunks whose sums differ are read and compared row by row, which names
 * the differing keys. The sums are a filter, never the verdict: a chunk that differs only in form
 * (12.5 against 12.50) is cleared by the exact comparison.
 */
final class ChunkedChecksum {
    private static final Set<String> INTEGER_KEYS = Set.of("int2", "int4", "int8", "serial", "bigserial", "smallint", "integer", "bigint");
    private static final long ROWS_PER_CHUNK = 50_000;

    private ChunkedChecksum() {
    }

    /** True when both sides are PostgreSQL and the key is one integer column. */
    static boolean applies(RowCompare.Side source, RowCompare.Side target) {
        return source.engine() == Engine.POSTGRESQL && target.engine() == Engine.POSTGRESQL && source.key().size() == 1
                && INTEGER_KEYS.contains(source.keyTypes().get(0).toLowerCase(Locale.ROOT));
    }

    static RowCompare.Result compare(RowCompare.Side source, RowCompare.Side target) throws SQLException {
        long[] range = range(source);
        long[] other = range(target);
        long lo = Math.min(range[0], other[0]);
        long hi = Math.max(range[1], other[1]);
        long rows = Math.max(range[2], other[2]);
        if (rows == 0) {
            return new RowCompare.Result(0, 0, 0, List.of());
        }
        long chunks = Math.max(1, rows / ROWS_PER_CHUNK);
        long width = Math.max(1, (hi - lo) / chunks + 1);
        CompletableFuture<Map<Long, String>> a = CompletableFuture.supplyAsync(() -> sums(source, lo, width));
        CompletableFuture<Map<Long, String>> b = CompletableFuture.supplyAsync(() -> sums(target, lo, width));
        Map<Long, String> sumsA;
        Map<Long, String> sumsB;
        try {
            sumsA = a.join();
            sumsB = b.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof SQLException sql ? sql : new SQLException(e.getCause());
        }
        Set<Long> differing = new java.util.TreeSet<>();
        sumsA.forEach((chunk, sum) -> {
            if (!Objects.equals(sum, sumsB.get(chunk))) {
                differing.add(chunk);
            }
        });
        sumsB.keySet().stream().filter(c -> !sumsA.containsKey(c)).forEach(differing::add);
        long differences = 0;
        List<String> examples = new ArrayList<>();
        String key = source.key().get(0);
        for (long chunk : differing) {
            long from = lo + chunk * width;
            String range2 = key + " BETWEEN " + from + " AND " + (from + width - 1);
            RowCompare.Result part = RowCompare.merge(within(source, range2), within(target, range2));
            differences += part.differences();
            for (String example : part.examples()) {
                if (examples.size() < RowCompare.MAX_REPORTED) {
                    examples.add(example);
                }
            }
        }
        return new RowCompare.Result(range[2], other[2], differences, examples);
    }

    private static RowCompare.Side within(RowCompare.Side side, String condition) {
        String where = side.where() == null || side.where().isBlank() ? condition : "(" + side.where() + ") AND " + condition;
        return new RowCompare.Side(side.connection(), side.engine(), side.columns(), side.key(), side.keyTypes(), side.from(), where);
    }

    /** min, max and count of the key. */
    private static long[] range(RowCompare.Side side) throws SQLException {
        String k = side.key().get(0);
        try (Statement s = side.connection().createStatement();
             ResultSet rs = s.executeQuery("SELECT min(" + k + "), max(" + k + "), count(*) FROM " + side.from() + where(side))) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
        }
    }

    private static Map<Long, String> sums(RowCompare.Side side, long lo, long width) {
        String k = side.key().get(0);
        String row = "ROW(" + String.join(", ", side.columns()) + ")::text";
        String sql = "SELECT (" + k + " - " + lo + ") / " + width + " AS chunk, count(*) || ':' || sum(hashtextextended(" + row
                + ", 0)::numeric) FROM " + side.from() + where(side) + " GROUP BY 1";
        Map<Long, String> out = new HashMap<>();
        try (Statement s = side.connection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getLong(1), rs.getString(2));
            }
        } catch (SQLException e) {
            throw new CompletionException(e);
        }
        return out;
    }

    private static String where(RowCompare.Side side) {
        return side.where() == null || side.where().isBlank() ? "" : " WHERE " + side.where();
    }
}
