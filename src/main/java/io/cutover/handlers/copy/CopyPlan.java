package io.cutover.handlers.copy;

import io.cutover.plan.Datasource.Engine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a copy reads and writes, worked out from both sides' shapes: the target columns and the
 * source expression for each, the key, and the SQL of the source query and the target insert.
 *
 * @param targetColumns the target's columns the copy fills, as the target spells them
 * @param expressions   the source expression for each target column
 * @param targetTypes   each target column's type name (for PostgreSQL's parameter casts)
 * @param key           the key columns of the source, in order
 * @param keyTypes      their source type names
 */
record CopyPlan(CopySpec spec, Engine sourceEngine, Engine targetEngine, List<String> targetColumns, List<String> expressions,
                List<String> targetTypes, List<String> key, List<String> keyTypes) {

    static CopyPlan of(CopySpec spec, Engine sourceEngine, Engine targetEngine, Connection src, Connection tgt) throws SQLException {
        TableShape source = spec.source().table().isPresent() ? TableShape.ofTable(src, spec.source().table().get())
                : TableShape.ofQuery(src, spec.source().query().orElseThrow());
        TableShape target = TableShape.ofTable(tgt, spec.target().table().orElseThrow());
        List<String> key = spec.key().isEmpty() ? source.primaryKey() : spec.key();
        if (key.isEmpty()) {
            throw new IllegalArgumentException("the source " + spec.source().table().orElse("query")
                    + " has no primary key to order and page the copy by: write key: [column, ...]");
        }
        List<String> keyTypes = new ArrayList<>();
        for (String k : key) {
            keyTypes.add(source.column(k).map(TableShape.Column::typeName).orElseThrow(() ->
                    new IllegalArgumentException("the key column '" + k + "' is not in the source")));
        }
        List<String> columns = new ArrayList<>();
        List<String> expressions = new ArrayList<>();
        List<String> types = new ArrayList<>();
        if (!spec.columns().isEmpty()) {
            for (Map.Entry<String, String> e : spec.columns().entrySet()) {
                TableShape.Column column = target.column(e.getKey()).orElseThrow(() ->
                        new IllegalArgumentException("columns: the target has no column '" + e.getKey() + "'"));
                columns.add(column.name());
                expressions.add(e.getValue());
                types.add(column.typeName());
            }
        } else {
            for (TableShape.Column column : target.columns().values()) {
                Optional<TableShape.Column> from = source.column(column.name());
                if (from.isPresent()) {
                    columns.add(column.name());
                    expressions.add(from.get().name());
                    types.add(column.typeName());
                }
            }
            if (columns.isEmpty()) {
                throw new IllegalArgumentException("the source and the target share no column name: map them with columns:");
            }
        }
        return new CopyPlan(spec, sourceEngine, targetEngine, columns, expressions, types, key, keyTypes);
    }

    /** The source query: the expressions, then the key, after the checkpoint's key, in key order. */
    PreparedStatement select(Connection src, Optional<String> after, Optional<Instant> since) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < expressions.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(expressions.get(i));
        }
        for (int k = 0; k < key.size(); k++) {
            sql.append(", ").append(key.get(k)).append(" AS cutover_k").append(k);
        }
        sql.append(" FROM ").append(spec.source().from());
        List<String> conditions = new ArrayList<>();
        spec.where().ifPresent(w -> conditions.add("(" + w + ")"));
        if (since.isPresent()) {
            conditions.add(spec.since().orElseThrow().column() + " >= " + Dialect.param(sourceEngine, "timestamptz"));
        }
        List<String> keyValues = new ArrayList<>();
        if (after.isPresent()) {
            JsonNode position = JsonMapper.shared().readTree(after.get());
            position.forEach(v -> keyValues.add(v.asString()));
            conditions.add(tuple(key) + " > " + tuple(params()));
        }
        if (!conditions.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", conditions));
        }
        sql.append(" ORDER BY ").append(String.join(", ", key));
        PreparedStatement ps = src.prepareStatement(sql.toString(), java.sql.ResultSet.TYPE_FORWARD_ONLY,
                java.sql.ResultSet.CONCUR_READ_ONLY);
        int p = 1;
        if (since.isPresent()) {
            OffsetDateTime at = OffsetDateTime.ofInstant(since.get(), ZoneOffset.UTC);
            if (sourceEngine == Engine.MARIADB) {
                ps.setObject(p++, at.toLocalDateTime());
            } else {
                ps.setObject(p++, at);
            }
        }
        for (String v : keyValues) {
            ps.setString(p++, v);
        }
        return ps;
    }

    private List<String> params() {
        List<String> out = new ArrayList<>();
        for (String type : keyTypes) {
            out.add(Dialect.param(sourceEngine, type));
        }
        return out;
    }

    private static String tuple(List<String> parts) {
        return parts.size() == 1 ? parts.get(0) : "(" + String.join(", ", parts) + ")";
    }

    /** The target insert (or upsert on the key). */
    String insertSql() {
        return Dialect.insert(targetEngine, spec.target().table().orElseThrow(), targetColumns, targetTypes, key,
                spec.mode() == CopySpec.Mode.UPSERT);
    }
}
