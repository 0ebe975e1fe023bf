package io.cutover.handlers.verify;

import io.cutover.plan.Datasource.Engine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Compares two row sets that share a key: both sides are read once, in key order, and merged, so
 * that every missing, extra or differing row is found and named by its key (the first
 * {@value #MAX_REPORTED} are reported). Memory stays flat: one row of each side at a time.
 */
public final class RowCompare {
    static final int MAX_REPORTED = 100;

    /** One side: its connection, engine, the expression of each compared column, the key, the FROM and WHERE. */
    public record Side(Connection connection, Engine engine, List<String> columns, List<String> key, List<String> keyTypes,
                       String from, String where) {
        String sql() {
            StringBuilder sql = new StringBuilder("SELECT ");
            List<String> all = new ArrayList<>(key);
            all.addAll(columns);
            sql.append(String.join(", ", all)).append(" FROM ").append(from);
            if (where != null && !where.isBlank()) {
                sql.append(" WHERE ").append(where);
            }
            List<String> order = new ArrayList<>();
            for (int i = 0; i < key.size(); i++) {
                order.add(isText(keyTypes.get(i)) && engine == Engine.H2 ? "STRINGTOUTF8(" + key.get(i) + ")"
                        : key.get(i) + collate(keyTypes.get(i)));
            }
            return sql.append(" ORDER BY ").append(String.join(", ", order)).toString();
        }

        /** Text keys in code-point order on every engine (H2: by UTF-8 bytes), so that both sides' orders agree. */
        private String collate(String type) {
            return !isText(type) ? "" : engine == Engine.POSTGRESQL ? " COLLATE \"C\"" : engine == Engine.MARIADB ? " COLLATE utf8mb4_bin" : "";
        }

        private static boolean isText(String type) {
            String t = type.toLowerCase(Locale.ROOT);
            return t.contains("char") || t.contains("text") || t.contains("string") || t.contains("clob");
        }
    }

    /** The outcome: rows on each side and the differences found. */
    public record Result(long sourceRows, long targetRows, long differences, List<String> examples) {
        public boolean same() {
            return differences == 0;
        }
    }

    private RowCompare() {
    }

    public static Result compare(Side source, Side target) throws SQLException {
        if (ChunkedChecksum.applies(source, target)) {
            return ChunkedChecksum.compare(source, target);
        }
        return merge(source, target);
    }

    /** Reads both sides whole, in key order, and compares row by row. */
    static Result merge(Side source, Side target) throws SQLException {
        long sourceRows = 0;
        long targetRows = 0;
        long differences = 0;
        List<String> examples = new ArrayList<>();
        int keys = source.key().size();
        try (Cursor a = new Cursor(source); Cursor b = new Cursor(target)) {
            boolean hasA = a.next();
            boolean hasB = b.next();
            while (hasA || hasB) {
                int order = !hasA ? 1 : !hasB ? -1 : compareKeys(a, b, keys);
                if (order < 0) {
                    differences++;
                    note(examples, "missing in the target: " + a.keyText(keys));
                    sourceRows++;
                    hasA = a.next();
                } else if (order > 0) {
                    differences++;
                    note(examples, "not in the source: " + b.keyText(keys));
                    targetRows++;
                    hasB = b.next();
                } else {
                    String diff = a.differenceFrom(b, keys, source.columns());
                    if (diff != null) {
                        differences++;
                        note(examples, "differs at " + a.keyText(keys) + ": " + diff);
                    }
                    sourceRows++;
                    targetRows++;
                    hasA = a.next();
                    hasB = b.next();
                }
            }
        }
        return new Result(sourceRows, targetRows, differences, examples);
    }

    private static void note(List<String> examples, String text) {
        if (examples.size() < MAX_REPORTED) {
            examples.add(text);
        }
    }

    private static int compareKeys(Cursor a, Cursor b, int keys) throws SQLException {
        for (int i = 1; i <= keys; i++) {
            int c = Normal.compare(io.cutover.handlers.copy.Values.read(a.rs, i), io.cutover.handlers.copy.Values.read(b.rs, i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** One side's rows, streamed. */
    private static final class Cursor implements AutoCloseable {
        private final PreparedStatement statement;
        private final ResultSet rs;
        private final Connection connection;
        private final boolean autoCommit;

        Cursor(Side side) throws SQLException {
            this.connection = side.connection();
            this.autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
            this.statement = connection.prepareStatement(side.sql(), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(10_000);
            this.rs = statement.executeQuery();
        }

        boolean next() throws SQLException {
            return rs.next();
        }

        String keyText(int keys) throws SQLException {
            List<String> parts = new ArrayList<>();
            for (int i = 1; i <= keys; i++) {
                parts.add(String.valueOf(io.cutover.handlers.copy.Values.read(rs, i)));
            }
            return parts.size() == 1 ? parts.get(0) : "(" + String.join(", ", parts) + ")";
        }

        /** The first differing column, or null when the rows agree. */
        String differenceFrom(Cursor other, int keys, List<String> names) throws SQLException {
            int width = rs.getMetaData().getColumnCount();
            for (int i = keys + 1; i <= width; i++) {
                String mine = Normal.of(io.cutover.handlers.copy.Values.read(rs, i));
                String theirs = Normal.of(io.cutover.handlers.copy.Values.read(other.rs, i));
                if (!mine.equals(theirs)) {
                    return names.get(i - keys - 1) + " is " + shown(mine) + " in the source and " + shown(theirs) + " in the target";
                }
            }
            return null;
        }

        private static String shown(String value) {
            if (Normal.NULL.equals(value)) {
                return "NULL";
            }
            return "'" + (value.length() > 60 ? value.substring(0, 57) + "..." : value) + "'";
        }

        @Override
        public void close() throws SQLException {
            try {
                rs.close();
                statement.close();
                connection.commit();
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }
}
