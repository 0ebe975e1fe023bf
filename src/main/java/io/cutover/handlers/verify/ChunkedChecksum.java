package io.cutover.handlers.verify;

import io.cutover.plan.Datasource.Engine;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The checksum where both sides are PostgreSQL and the key is one integer column: each side
 * hashes its rows in the database, per chunk of the key range (count and sum of row hashes), in
 * one scan, both sides at once; only the chunks whose sums differ are read and compared row by row,
 * which names the differing keys. The sums are a filter, never the verdict: a chunk that differs
 * only in form (12.5 against 12.50 in text) is cleared by the exact comparison.
 *
 * <p>A row's hash is {@code hash_record_extended} (PostgreSQL 14 and later) over the row's values
 * as they are stored, with no text in between, for the types whose equality in the database is the
 * comparison's equality (integers, numeric, text, timestamps, uuid, bytea, jsonb...); any other
 * column, or one whose two sides have different types, is hashed as its text. The chunk query is
 * run with sorting and JIT off for its transaction: the planner takes the chunk number for a
 * per-row value and would otherwise sort all the rows on disk, and compile for longer than it runs.
 */
final class ChunkedChecksum {
    private static final Set<String> INTEGER_KEYS = Set.of("int2", "int4", "int8", "serial", "bigserial", "smallint", "integer", "bigint");
    /**
     * Types hashed as stored: for these, two values that the database's hash calls equal are equal for
     * {@link Normal} too (numeric ignores trailing zeros in both; timestamptz is an instant in both).
     * Not here: floats (-0 and 0 hash alike), intervals (1 day and 24 hours), bpchar (trailing blanks), times.
     */
    private static final Set<String> HASHED_AS_STORED = Set.of("int2", "int4", "int8", "numeric", "text", "varchar", "bool",
            "date", "timestamp", "timestamptz", "uuid", "bytea", "jsonb");
    private static final Set<String> TEXT = Set.of("text", "varchar");
    private static final long ROWS_PER_CHUNK = 50_000;
    /** At most this many chunks, whatever the key range (a sparse key makes wider chunks). */
    private static final long MAX_CHUNKS = 10_000;

    private ChunkedChecksum() {
    }

    /** True when both sides are PostgreSQL and the key is one integer column. */
    static boolean applies(RowCompare.Side source, RowCompare.Side target) {
        return source.engine() == Engine.POSTGRESQL && target.engine() == Engine.POSTGRESQL && source.key().size() == 1
                && INTEGER_KEYS.contains(source.keyTypes().get(0).toLowerCase(Locale.ROOT));
    }

    /** One chunk's row count and sum of row hashes. */
    private record Sum(long rows, String hashes) { }

    static RowCompare.Result compare(RowCompare.Side source, RowCompare.Side target) throws SQLException {
        long[] range = both(() -> range(source), () -> range(target), (a, b) -> a == null ? b : b == null ? a
                : new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
        if (range == null) { // both sides empty
            return new RowCompare.Result(0, 0, 0, List.of());
        }
        long lo = range[0];
        BigInteger span = BigInteger.valueOf(range[1]).subtract(BigInteger.valueOf(lo)).add(BigInteger.ONE);
        BigInteger chunks = span.divide(BigInteger.valueOf(ROWS_PER_CHUNK)).max(BigInteger.ONE).min(BigInteger.valueOf(MAX_CHUNKS));
        long width = span.add(chunks).subtract(BigInteger.ONE).divide(chunks).longValueExact();
        // The chunk of a key: (key - lo) / width, in numeric where key - lo may not fit in a bigint.
        boolean wide = span.bitLength() > 63;
        String[] rows = rowExpressions(source, target);
        Map<Long, Sum> sumsA;
        Map<Long, Sum> sumsB;
        CompletableFuture<Map<Long, Sum>> a = CompletableFuture.supplyAsync(() -> sums(source, rows[0], lo, width, wide));
        CompletableFuture<Map<Long, Sum>> b = CompletableFuture.supplyAsync(() -> sums(target, rows[1], lo, width, wide));
        try {
            sumsA = a.join();
            sumsB = b.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof SQLException sql ? sql : new SQLException(e.getCause());
        }
        long sourceRows = sumsA.values().stream().mapToLong(Sum::rows).sum();
        long targetRows = sumsB.values().stream().mapToLong(Sum::rows).sum();
        Set<Long> differing = new TreeSet<>();
        sumsA.forEach((chunk, sum) -> {
            if (!Objects.equals(sum, sumsB.get(chunk))) {
                differing.add(chunk);
            }
        });
        sumsB.keySet().stream().filter(c -> !sumsA.containsKey(c)).forEach(differing::add);
        long differences = 0;
        List<String> examples = new ArrayList<>();
        String key = source.key().get(0);
        String targetKey = target.key().get(0);
        for (long chunk : differing) {
            BigInteger from = BigInteger.valueOf(lo).add(BigInteger.valueOf(chunk).multiply(BigInteger.valueOf(width)));
            BigInteger to = from.add(BigInteger.valueOf(width - 1)).min(BigInteger.valueOf(Long.MAX_VALUE));
            RowCompare.Result part = RowCompare.merge(within(source, key + " BETWEEN " + from + " AND " + to),
                    within(target, targetKey + " BETWEEN " + from + " AND " + to));
            differences += part.differences();
            for (String example : part.examples()) {
                if (examples.size() < RowCompare.MAX_REPORTED) {
                    examples.add(example);
                }
            }
        }
        return new RowCompare.Result(sourceRows, targetRows, differences, examples);
    }

    private static RowCompare.Side within(RowCompare.Side side, String condition) {
        String where = side.where() == null || side.where().isBlank() ? condition : "(" + side.where() + ") AND " + condition;
        return new RowCompare.Side(side.connection(), side.engine(), side.columns(), side.key(), side.keyTypes(), side.from(), where);
    }

    /** min and max of the key (from the key's index, for a table), or null when the side has no row. */
    private static long[] range(RowCompare.Side side) {
        String k = side.key().get(0);
        try (Statement s = side.connection().createStatement();
             ResultSet rs = s.executeQuery("SELECT min(" + k + "), max(" + k + ") FROM " + side.from() + where(side))) {
            rs.next();
            long min = rs.getLong(1);
            return rs.wasNull() ? null : new long[] {min, rs.getLong(2)};
        } catch (SQLException e) {
            throw new CompletionException(e);
        }
    }

    /**
     * The expression of a row's hash on each side: {@code hash_record_extended(ROW(...), 0)} where both
     * sides are PostgreSQL 14 or later, with each column as stored when both sides have the same type
     * from {@link #HASHED_AS_STORED} and as text otherwise; else the hash of the whole row as text.
     */
    private static String[] rowExpressions(RowCompare.Side source, RowCompare.Side target) throws SQLException {
        List<String> a = source.columns();
        List<String> b = target.columns();
        if (a.size() != b.size() || major(source.connection()) < 14 || major(target.connection()) < 14) {
            return new String[] {textHash(a), textHash(b)};
        }
        List<List<String>> types = both(() -> types(source), () -> types(target), List::of);
        List<String> typesA = types.get(0);
        List<String> typesB = types.get(1);
        List<String> rowA = new ArrayList<>();
        List<String> rowB = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            String type = typesA.get(i);
            if (type.equals(typesB.get(i)) && HASHED_AS_STORED.contains(type)) {
                // COLLATE "C": the hash of text is its bytes' whatever the column's collation (a case-blind one would hash A as a)
                String collate = TEXT.contains(type) ? " COLLATE \"C\"" : "";
                rowA.add("(" + a.get(i) + ")" + collate);
                rowB.add("(" + b.get(i) + ")" + collate);
            } else {
                rowA.add("(" + a.get(i) + ")::text");
                rowB.add("(" + b.get(i) + ")::text");
            }
        }
        return new String[] {"hash_record_extended(ROW(" + String.join(", ", rowA) + "), 0)",
            "hash_record_extended(ROW(" + String.join(", ", rowB) + "), 0)"};
    }

    private static String textHash(List<String> columns) {
        return "hashtextextended(ROW(" + String.join(", ", columns) + ")::text, 0)";
    }

    private static int major(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseMajorVersion();
    }

    /** The type name of each compared column (or expression) of a side. */
    private static List<String> types(RowCompare.Side side) {
        List<String> out = new ArrayList<>();
        try (Statement s = side.connection().createStatement();
             ResultSet rs = s.executeQuery("SELECT " + String.join(", ", side.columns()) + " FROM " + side.from() + " WHERE 1 = 0")) {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                out.add(md.getColumnTypeName(i).toLowerCase(Locale.ROOT));
            }
        } catch (SQLException e) {
            throw new CompletionException(e);
        }
        return out;
    }

    private static Map<Long, Sum> sums(RowCompare.Side side, String rowHash, long lo, long width, boolean wide) {
        String k = side.key().get(0);
        String chunk = wide ? "div(" + k + "::numeric - " + lo + ", " + width + ")::bigint" : "(" + k + " - " + lo + ") / " + width;
        String sql = "SELECT " + chunk + " AS chunk, count(*), sum(" + rowHash + ") FROM "
                + side.from() + where(side) + " GROUP BY 1";
        Map<Long, Sum> out = new HashMap<>();
        Connection c = side.connection();
        try {
            boolean own = c.getAutoCommit();
            if (own) {
                c.setAutoCommit(false);
            }
            try (Statement s = c.createStatement()) {
                if (own) { // SET LOCAL: for this transaction only, the session goes back to the pool as it was
                    s.execute("SET LOCAL enable_sort = off");
                    s.execute("SET LOCAL jit = off");
                }
                try (ResultSet rs = s.executeQuery(sql)) {
                    while (rs.next()) {
                        out.put(rs.getLong(1), new Sum(rs.getLong(2), rs.getString(3)));
                    }
                }
                if (own) {
                    c.commit();
                }
            } finally {
                if (own) {
                    if (!c.getAutoCommit()) {
                        c.rollback(); // after a failure; a no-op after the commit
                    }
                    c.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            throw new CompletionException(e);
        }
        return out;
    }

    /** Runs the two calls at once (one on each side's connection) and combines what they return. */
    static <T, R> R both(java.util.function.Supplier<T> a, java.util.function.Supplier<T> b,
                         java.util.function.BiFunction<T, T, R> combine) throws SQLException {
        CompletableFuture<T> first = CompletableFuture.supplyAsync(a);
        T second;
        try {
            second = b.get();
            return combine.apply(first.join(), second);
        } catch (CompletionException e) {
            first.exceptionally(x -> null).join();
            throw e.getCause() instanceof SQLException sql ? sql : new SQLException(e.getCause());
        }
    }

    private static String where(RowCompare.Side side) {
        return side.where() == null || side.where().isBlank() ? "" : " WHERE " + side.where();
    }
}
