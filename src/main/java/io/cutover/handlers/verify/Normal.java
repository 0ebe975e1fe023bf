package io.cutover.handlers.verify;

import java.math.BigDecimal;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;

/**
 * Values in one form whatever engine they came from, so that PostgreSQL, MariaDB and H2 agree:
 * numbers without trailing zeros ({@code 12.50} = {@code 12.5}), times as UTC instants (a
 * {@code DATETIME} written by cutover holds UTC), binaries as hex, booleans as words.
 */
public final class Normal {
    /** How a NULL reads, distinct from any text. */
    public static final String NULL = "\u0000NULL";

    private Normal() {
    }

    /** The normal form of a value read with {@code getObject}. */
    public static String of(Object value) throws SQLException {
        if (value == null) {
            return NULL;
        }
        if (value instanceof BigDecimal d) {
            return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
        }
        if (value instanceof Number n) {
            return value instanceof Double || value instanceof Float ? String.valueOf(n.doubleValue())
                    : new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
        }
        if (value instanceof OffsetDateTime t) {
            return t.toInstant().toString();
        }
        if (value instanceof LocalDateTime t) {
            return t.toInstant(ZoneOffset.UTC).toString();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toLocalDateTime().toInstant(ZoneOffset.UTC).toString();
        }
        if (value instanceof byte[] b) {
            return HexFormat.of().formatHex(b);
        }
        if (value instanceof Blob b) {
            return HexFormat.of().formatHex(b.getBytes(1, (int) b.length()));
        }
        if (value instanceof Clob c) {
            return c.getSubString(1, (int) c.length());
        }
        return value.toString();
    }

    /** Orders two key values as the databases order them: numbers by value, text by code point. */
    public static int compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString()));
        }
        try {
            return byCodePoint(of(a), of(b));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Code-point order, the order of COLLATE "C" and utf8mb4_bin (String.compareTo orders UTF-16 units). */
    static int byCodePoint(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
