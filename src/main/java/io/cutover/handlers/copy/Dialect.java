package io.cutover.handlers.copy;

import io.cutover.plan.Datasource.Engine;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The few places where the engines spell a copy differently: parameter casts, upserts, truncation,
 * the source lock, the session time zone.
 */
final class Dialect {
    private Dialect() {
    }

    /** A parameter placeholder for a column of {@code type}: PostgreSQL casts, so text binds to any type. */
    static String param(Engine engine, String type) {
        if (engine != Engine.POSTGRESQL || type == null || type.isEmpty()) {
            return "?";
        }
        String t = type.startsWith("_") ? type.substring(1) + "[]" : type;
        return "CAST(? AS " + t + ")";
    }

    /** The insert (or upsert on {@code key}) of one row into {@code table}. */
    static String insert(Engine engine, String table, List<String> columns, List<String> types, List<String> key, boolean upsert) {
        String cols = String.join(", ", columns);
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            values.append(i == 0 ? "" : ", ").append(param(engine, types.get(i)));
        }
        if (!upsert) {
            return "INSERT INTO " + table + " (" + cols + ") VALUES (" + values + ")";
        }
        List<String> rest = columns.stream().filter(c -> key.stream().noneMatch(k -> k.equalsIgnoreCase(c))).toList();
        return switch (engine) {
            case MARIADB -> "INSERT INTO " + table + " (" + cols + ") VALUES (" + values + ") ON DUPLICATE KEY UPDATE "
                    + (rest.isEmpty() ? columns.get(0) + " = " + columns.get(0)
                    : rest.stream().map(c -> c + " = VALUE(" + c + ")").collect(Collectors.joining(", ")));
            // VALUE(), MariaDB's synonym of VALUES(): the driver's batch rewriting takes the word VALUES for the row list
            case H2 -> "MERGE INTO " + table + " (" + cols + ") KEY (" + String.join(", ", key) + ") VALUES (" + values + ")";
            default -> "INSERT INTO " + table + " (" + cols + ") VALUES (" + values + ") ON CONFLICT (" + String.join(", ", key)
                    + ") DO " + (rest.isEmpty() ? "NOTHING" : "UPDATE SET "
                    + rest.stream().map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", ")));
        };
    }

    /** Empties a table. */
    static String truncate(Engine engine, String table) {
        return engine == Engine.H2 ? "TRUNCATE TABLE " + table : "TRUNCATE TABLE " + table;
    }

    /** Holds writers off the source table for the final sync (inside the reading transaction). */
    static String lock(Engine engine, String table) {
        return switch (engine) {
            case POSTGRESQL -> "LOCK TABLE " + table + " IN SHARE MODE";
            case MARIADB -> "LOCK TABLES " + table + " READ";
            default -> "SELECT * FROM " + table + " WHERE 1 = 0 FOR UPDATE";
        };
    }
}
