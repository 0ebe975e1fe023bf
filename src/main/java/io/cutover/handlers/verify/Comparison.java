package io.cutover.handlers.verify;

import io.cutover.plan.Datasource.Engine;
import io.cutover.plan.Task;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * The checks of a verify task over one source and one target. Each returns what differs, in words,
 * or nothing when the sides agree.
 */
final class Comparison {
    private final Sides sides;
    private final Connection src;
    private final Engine sourceEngine;
    private final Connection tgt;
    private final Engine targetEngine;
    private final Map<String, Column> sourceColumns;
    private final Map<String, Column> targetColumns;
    private final List<String> key;

    /** Where the two sides are, as the task says. */
    record Sides(String sourceDatasource, String sourceFrom, boolean sourceIsTable, String targetDatasource, String targetFrom,
                 boolean targetIsTable, List<String> key) {
        static Sides of(Task task) {
            JsonNode spec = task.spec();
            List<String> key = new ArrayList<>();
            spec.path("key").forEach(k -> key.add(k.asString()));
            return new Sides(spec.at("/source/datasource").asString(), from(spec.path("source")), spec.at("/source/table").isString(),
                    spec.at("/target/datasource").asString(), from(spec.path("target")), spec.at("/target/table").isString(), key);
        }

        private static String from(JsonNode side) {
            return side.path("table").isString() ? side.path("table").asString() : "(" + side.path("query").asString() + ") q";
        }
    }

    /** A column as compared: name, type family, nullability. */
    record Column(String name, String typeName, String family, boolean nullable) { }

    private Comparison(Sides sides, Connection src, Engine sourceEngine, Connection tgt, Engine targetEngine,
                       Map<String, Column> sourceColumns, Map<String, Column> targetColumns, List<String> key) {
        this.sides = sides;
        this.src = src;
        this.sourceEngine = sourceEngine;
        this.tgt = tgt;
        this.targetEngine = targetEngine;
        this.sourceColumns = sourceColumns;
        this.targetColumns = targetColumns;
        this.key = key;
    }

    static Comparison prepare(Sides sides, Connection src, Engine sourceEngine, Connection tgt, Engine targetEngine)
            throws SQLException {
        for (Connection c : List.of(src, tgt)) {
            if (Engine.MARIADB == (c == src ? sourceEngine : targetEngine)) {
                try (Statement s = c.createStatement()) {
                    s.execute("SET time_zone = '+00:00'");
                }
            }
        }
        Map<String, Column> source = columns(src, sides.sourceFrom());
        Map<String, Column> target = columns(tgt, sides.targetFrom());
        List<String> key = sides.key().isEmpty() && sides.sourceIsTable() ? primaryKey(src, sides.sourceFrom()) : sides.key();
        return new Comparison(sides, src, sourceEngine, tgt, targetEngine, source, target, key);
    }

    List<String> rowCount() throws SQLException {
        // Both sides at once, each on its own connection: the two counts take the time of the longer one.
        long[] counts = ChunkedChecksum.both(() -> countOrFail(src, sides.sourceFrom()), () -> countOrFail(tgt, sides.targetFrom()),
                (x, y) -> new long[] {x, y});
        long a = counts[0];
        long b = counts[1];
        return a == b ? List.of() : List.of("row_count: " + a + " rows in the source, " + b + " in the target");
    }

    List<String> schema() {
        List<String> out = new ArrayList<>();
        for (Column s : sourceColumns.values()) {
            Column t = targetColumns.get(s.name().toLowerCase(Locale.ROOT));
            if (t == null) {
                out.add("schema: column " + s.name() + " is missing in the target");
            } else if (!s.family().equals(t.family())) {
                out.add("schema: column " + s.name() + " is " + s.typeName() + " in the source and " + t.typeName() + " in the target");
            } else if (s.nullable() != t.nullable()) {
                out.add("schema: column " + s.name() + " is " + (s.nullable() ? "nullable" : "NOT NULL") + " in the source and "
                        + (t.nullable() ? "nullable" : "NOT NULL") + " in the target");
            }
        }
        for (Column t : targetColumns.values()) {
            if (!sourceColumns.containsKey(t.name().toLowerCase(Locale.ROOT))) {
                out.add("schema: column " + t.name() + " is in the target only");
            }
        }
        return out;
    }

    List<String> indexes() throws SQLException {
        Set<String> a = indexShapes(src, sides.sourceFrom());
        Set<String> b = indexShapes(tgt, sides.targetFrom());
        return differences("indexes", a, b);
    }

    List<String> constraints() throws SQLException {
        Set<String> a = new TreeSet<>(constraintShapes(src, sides.sourceFrom()));
        Set<String> b = new TreeSet<>(constraintShapes(tgt, sides.targetFrom()));
        return differences("constraints", a, b);
    }

    List<String> checksum() throws SQLException {
        if (key.isEmpty()) {
            return List.of("checksum: no key to compare rows by: write key: [column, ...]");
        }
        List<String> columns = commonColumns();
        List<String> keyTypes = key.stream().map(k -> sourceColumns.getOrDefault(k.toLowerCase(Locale.ROOT),
                new Column(k, "", "", true)).typeName()).toList();
        RowCompare.Result result = RowCompare.compare(
                new RowCompare.Side(src, sourceEngine, columns, key, keyTypes, sides.sourceFrom(), null),
                new RowCompare.Side(tgt, targetEngine, columns, key, keyTypes, sides.targetFrom(), null));
        if (result.same()) {
            return List.of();
        }
        return List.of("checksum: " + result.differences() + " of " + Math.max(result.sourceRows(), result.targetRows())
                + " rows differ" + (result.differences() > result.examples().size() ? "; the first " + result.examples().size() : "")
                + ":\n  " + String.join("\n  ", result.examples()));
    }

    /** Compares {@code n} rows picked at random from the source with the target's rows of the same key. */
    List<String> sample(int n) throws SQLException {
        if (key.size() != 1) {
            return key.isEmpty() ? List.of("sample: no key to find rows by: write key: [column]") : List.of();
        }
        String k = key.get(0);
        String random = sourceEngine == Engine.POSTGRESQL ? "random()" : "RAND()";
        List<Object> keys = new ArrayList<>();
        try (Statement s = src.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + k + " FROM " + sides.sourceFrom() + " ORDER BY " + random + " LIMIT " + n)) {
            while (rs.next()) {
                keys.add(rs.getObject(1));
            }
        }
        List<String> columns = commonColumns();
        List<String> out = new ArrayList<>();
        for (int from = 0; from < keys.size() && out.size() < RowCompare.MAX_REPORTED; from += 500) {
            List<Object> chunk = keys.subList(from, Math.min(keys.size(), from + 500));
            Map<String, List<String>> a = rowsByKey(src, columns, k, chunk);
            Map<String, List<String>> b = rowsByKey(tgt, columns, k, chunk);
            for (Map.Entry<String, List<String>> row : a.entrySet()) {
                List<String> other = b.get(row.getKey());
                if (other == null) {
                    out.add("sample: key " + row.getKey() + " is missing in the target");
                } else if (!other.equals(row.getValue())) {
                    out.add("sample: the row with key " + row.getKey() + " differs");
                }
            }
        }
        return out;
    }

    private Map<String, List<String>> rowsByKey(Connection c, List<String> columns, String k, List<Object> keys) throws SQLException {
        String marks = String.join(", ", java.util.Collections.nCopies(keys.size(), "?"));
        Map<String, List<String>> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + k + ", " + String.join(", ", columns) + " FROM "
                + (c == src ? sides.sourceFrom() : sides.targetFrom())
                + " WHERE " + k + " IN (" + marks + ")")) {
            for (int i = 0; i < keys.size(); i++) {
                ps.setObject(i + 1, keys.get(i) instanceof java.util.UUID u && c == tgt && targetEngine != Engine.POSTGRESQL
                        ? u.toString() : keys.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<String> values = new ArrayList<>();
                    for (int i = 2; i <= columns.size() + 1; i++) {
                        values.add(Normal.of(io.cutover.handlers.copy.Values.read(rs, i)));
                    }
                    out.put(Normal.of(io.cutover.handlers.copy.Values.read(rs, 1)), values);
                }
            }
        }
        return out;
    }

    private List<String> commonColumns() {
        List<String> out = new ArrayList<>();
        for (Column s : sourceColumns.values()) {
            if (targetColumns.containsKey(s.name().toLowerCase(Locale.ROOT))) {
                out.add(s.name());
            }
        }
        return out;
    }

    private static List<String> differences(String what, Set<String> source, Set<String> target) {
        List<String> out = new ArrayList<>();
        for (String s : source) {
            if (!target.contains(s)) {
                out.add(what + ": " + s + " is missing in the target");
            }
        }
        for (String t : target) {
            if (!source.contains(t)) {
                out.add(what + ": " + t + " is in the target only");
            }
        }
        return out;
    }

    private static long countOrFail(Connection c, String from) {
        try {
            return count(c, from);
        } catch (SQLException e) {
            throw new java.util.concurrent.CompletionException(e);
        }
    }

    private static long count(Connection c, String from) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + from)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Map<String, Column> columns(Connection c, String from) throws SQLException {
        Map<String, Column> out = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + from + " WHERE 1 = 0")) {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                String type = md.getColumnTypeName(i);
                out.put(md.getColumnName(i).toLowerCase(Locale.ROOT), new Column(md.getColumnName(i).toLowerCase(Locale.ROOT),
                        type + (md.getScale(i) > 0 ? "(" + md.getPrecision(i) + "," + md.getScale(i) + ")" : ""),
                        TypeFamily.of(type, md.getPrecision(i), md.getScale(i)), md.isNullable(i) != ResultSetMetaData.columnNoNulls));
            }
        }
        return out;
    }

    private static List<String> primaryKey(Connection c, String table) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        for (String name : List.of(table, table.toLowerCase(Locale.ROOT), table.toUpperCase(Locale.ROOT))) {
            Map<Short, String> parts = new java.util.TreeMap<>();
            try (ResultSet rs = md.getPrimaryKeys(c.getCatalog(), null, name)) {
                while (rs.next()) {
                    parts.put(rs.getShort("KEY_SEQ"), rs.getString("COLUMN_NAME"));
                }
            }
            if (!parts.isEmpty()) {
                return new ArrayList<>(parts.values());
            }
        }
        return List.of();
    }

    /** Indexes as their shape (unique or not, columns in order), whatever their names. */
    private static Set<String> indexShapes(Connection c, String table) throws SQLException {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        Map<String, Boolean> unique = new LinkedHashMap<>();
        DatabaseMetaData md = c.getMetaData();
        for (String name : List.of(table, table.toLowerCase(Locale.ROOT), table.toUpperCase(Locale.ROOT))) {
            try (ResultSet rs = md.getIndexInfo(c.getCatalog(), null, name, false, false)) {
                while (rs.next()) {
                    String index = rs.getString("INDEX_NAME");
                    String column = rs.getString("COLUMN_NAME");
                    if (index == null || column == null) {
                        continue;
                    }
                    columns.computeIfAbsent(index, i -> new ArrayList<>()).add(column.toLowerCase(Locale.ROOT));
                    unique.put(index, !rs.getBoolean("NON_UNIQUE"));
                }
            }
            if (!columns.isEmpty()) {
                break;
            }
        }
        Set<String> out = new TreeSet<>();
        columns.forEach((index, cols) -> out.add((unique.get(index) ? "unique index" : "index") + " on (" + String.join(", ", cols) + ")"));
        return out;
    }

    /** The primary key and foreign keys as their shape. */
    private static List<String> constraintShapes(Connection c, String table) throws SQLException {
        List<String> out = new ArrayList<>();
        List<String> pk = primaryKey(c, table);
        if (!pk.isEmpty()) {
            out.add("primary key (" + String.join(", ", pk.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList()) + ")");
        }
        DatabaseMetaData md = c.getMetaData();
        for (String name : List.of(table, table.toLowerCase(Locale.ROOT), table.toUpperCase(Locale.ROOT))) {
            int before = out.size();
            try (ResultSet rs = md.getImportedKeys(c.getCatalog(), null, name)) {
                while (rs.next()) {
                    out.add("foreign key (" + rs.getString("FKCOLUMN_NAME").toLowerCase(Locale.ROOT) + ") references "
                            + rs.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT) + " ("
                            + rs.getString("PKCOLUMN_NAME").toLowerCase(Locale.ROOT) + ")");
                }
            }
            if (out.size() > before) {
                break;
            }
        }
        return out;
    }
}
