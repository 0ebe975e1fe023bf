package io.cutover.handlers.copy;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The columns of a table (or a query) and its primary key, read through JDBC metadata so that it
 * works the same on every engine.
 */
record TableShape(Map<String, Column> columns, List<String> primaryKey) {

    /** A column: its name as the database spells it, its type name, JDBC type and nullability. */
    record Column(String name, String typeName, int jdbcType, int precision, int scale, boolean nullable) { }

    /** The shape of a table; {@code table} may be schema-qualified. */
    static TableShape ofTable(Connection c, String table) throws SQLException {
        Map<String, Column> columns = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            columns.putAll(columnsOf(rs.getMetaData()));
        }
        return new TableShape(columns, primaryKey(c, table));
    }

    /** The shape of a query's result (no key). */
    static TableShape ofQuery(Connection c, String query) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM (" + query + ") cutover_source WHERE 1 = 0")) {
            return new TableShape(columnsOf(rs.getMetaData()), List.of());
        }
    }

    private static Map<String, Column> columnsOf(ResultSetMetaData md) throws SQLException {
        Map<String, Column> columns = new LinkedHashMap<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            String name = md.getColumnName(i);
            columns.put(name.toLowerCase(Locale.ROOT), new Column(name, md.getColumnTypeName(i), md.getColumnType(i),
                    md.getPrecision(i), md.getScale(i), md.isNullable(i) != ResultSetMetaData.columnNoNulls));
        }
        return columns;
    }

    private static List<String> primaryKey(Connection c, String table) throws SQLException {
        String schema = null;
        String name = table;
        int dot = table.lastIndexOf('.');
        if (dot > 0) {
            schema = table.substring(0, dot);
            name = table.substring(dot + 1);
        }
        DatabaseMetaData md = c.getMetaData();
        for (String candidate : List.of(name, name.toLowerCase(Locale.ROOT), name.toUpperCase(Locale.ROOT))) {
            List<String[]> parts = new ArrayList<>();
            try (ResultSet rs = md.getPrimaryKeys(c.getCatalog(), schema, candidate)) {
                while (rs.next()) {
                    parts.add(new String[] {String.valueOf(rs.getShort("KEY_SEQ")), rs.getString("COLUMN_NAME")});
                }
            }
            if (!parts.isEmpty()) {
                parts.sort((a, b) -> Integer.compare(Integer.parseInt(a[0]), Integer.parseInt(b[0])));
                return parts.stream().map(p -> p[1]).toList();
            }
        }
        return List.of();
    }

    /** A column by name, whatever its case. */
    Optional<Column> column(String name) {
        return Optional.ofNullable(columns.get(name.toLowerCase(Locale.ROOT)));
    }
}
