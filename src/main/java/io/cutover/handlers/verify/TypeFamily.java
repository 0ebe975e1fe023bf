package io.cutover.handlers.verify;

import java.util.Locale;

/**
 * Column types by family, so that a PostgreSQL {@code int8} and a MariaDB {@code BIGINT}, or a
 * {@code timestamptz} and a {@code DATETIME(6)}, count as the same.
 */
final class TypeFamily {
    private TypeFamily() {
    }

    static String of(String typeName, int precision, int scale) {
        String t = typeName.toLowerCase(Locale.ROOT).replace(" unsigned", "");
        if (t.equals("int2") || t.equals("smallint") || t.equals("tinyint") && precision > 1) {
            return "int16";
        }
        if (t.equals("int4") || t.equals("integer") || t.equals("int") || t.equals("serial") || t.equals("mediumint")) {
            return "int32";
        }
        if (t.equals("int8") || t.equals("bigint") || t.equals("bigserial")) {
            return "int64";
        }
        if (t.equals("numeric") || t.equals("decimal")) {
            return "decimal(" + precision + "," + scale + ")";
        }
        if (t.startsWith("float") || t.equals("double") || t.equals("real") || t.startsWith("double")) {
            return "float";
        }
        if (t.equals("bool") || t.equals("boolean") || t.equals("bit") || t.equals("tinyint")) {
            return "boolean";
        }
        if (t.contains("char") || t.contains("text") || t.equals("clob") || t.equals("name")) {
            return "text";
        }
        if (t.startsWith("timestamp") || t.equals("datetime")) {
            return "timestamp";
        }
        if (t.equals("date")) {
            return "date";
        }
        if (t.startsWith("time")) {
            return "time";
        }
        if (t.equals("bytea") || t.contains("blob") || t.contains("binary")) {
            return "binary";
        }
        if (t.startsWith("json")) {
            return "json";
        }
        return t;
    }
}
