package io.cutover.handlers.copy;

import io.cutover.handlers.copy.Database.Kind;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * The {@code things} table of the copy tests: rows that a copy between any two engines must carry
 * unchanged (NULLs, 4-byte unicode, numerics with scale, instants written at many offsets, random
 * bytes with 0x00, 1 MB texts and a 1 MB blob), written and read with plain JDBC, and a normal
 * form of a row so that what a user would compare can be compared.
 */
final class Things {
    /** When every row was last changed, until a test changes it. */
    static final OffsetDateTime OLD = OffsetDateTime.parse("2020-01-01T00:00:00Z");
    static final String COLUMNS = "id, note, amount, happened_at, payload, body, updated_at";

    /** One row as the tests write it. */
    record Row(long id, String note, BigDecimal amount, OffsetDateTime happenedAt, byte[] payload, String body,
               OffsetDateTime updatedAt) {
        Row withNote(String text) {
            return new Row(id, text, amount, happenedAt, payload, body, updatedAt);
        }

        Row withAmount(String value) {
            return new Row(id, note, new BigDecimal(value), happenedAt, payload, body, updatedAt);
        }

        /** Its normal form: what a person compares, with long values as length and digest. */
        String normal() {
            return Things.normal(id, note, amount == null ? null : amount.toPlainString(),
                    happenedAt == null ? null : happenedAt.toInstant(), payload, body,
                    updatedAt == null ? null : updatedAt.toInstant());
        }
    }

    private Things() {
    }

    /** The sample rows, the same on every run. */
    static List<Row> rows() {
        Random random = new Random(20260101);
        byte[] someBytes = new byte[4096];
        random.nextBytes(someBytes);
        someBytes[0] = 0;
        someBytes[100] = 0;
        someBytes[someBytes.length - 1] = 0;
        byte[] everyByte = new byte[256];
        for (int i = 0; i < 256; i++) {
            everyByte[i] = (byte) i;
        }
        byte[] megabyte = new byte[1 << 20];
        random.nextBytes(megabyte);
        megabyte[0] = 0;
        megabyte[megabyte.length / 2] = 0;
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(1, null, null, null, null, null, OLD));
        rows.add(new Row(2, "zaž;'\"\ttab é 😀𝄞 中文 ☃", dec("1234567890.12"), at("2026-03-29T01:30:00+02:00"), someBytes,
                "short body 😀", OLD));
        rows.add(new Row(3, "", dec("-0.01"), at("1999-12-31T23:59:59.999999-08:00"), new byte[] {0}, "", OLD));
        rows.add(new Row(4, "𝄞𝄞𝄞", dec("0.00"), at("2024-02-29T12:34:56.123456Z"), new byte[0], null, OLD));
        rows.add(new Row(5, "😀", dec("-9999999999.99"), at("2030-01-01T00:00:00+14:00"), everyByte, "line\nbreak\r\n", OLD));
        rows.add(new Row(6, "x", dec("9999999999.99"), at("2026-10-25T02:30:00-12:00"), null, ascii(1 << 20), OLD));
        rows.add(new Row(7, null, dec("0.50"), at("1969-07-20T20:17:40Z"), new byte[] {0, 0, 0}, astral(1 << 20), OLD));
        rows.add(new Row(8, "back\\slash, 'quotes', %_ wildcards", dec("42.00"), at("2000-01-01T00:00:00+05:45"), megabyte,
                "ends with a space ", OLD));
        rows.add(new Row(9, "ｚ full-width and ﬀ ligature", dec("-100.10"), at("2026-03-29T04:30:00+02:00"), everyByte, null, OLD));
        return rows;
    }

    static BigDecimal dec(String text) {
        return new BigDecimal(text);
    }

    static OffsetDateTime at(String text) {
        return OffsetDateTime.parse(text);
    }

    /** A text of {@code bytes} ASCII characters. */
    private static String ascii(int bytes) {
        StringBuilder s = new StringBuilder(bytes);
        for (int i = 0; s.length() < bytes; i++) {
            s.append((char) ('a' + i % 26));
        }
        return s.toString();
    }

    /** A text of at least {@code bytes} UTF-8 bytes, most of its characters outside the BMP. */
    private static String astral(int bytes) {
        StringBuilder s = new StringBuilder();
        int size = 0;
        String[] parts = {"😀", "𝄞", "é", "-", "中"};
        for (int i = 0; size < bytes; i++) {
            String p = parts[i % parts.length];
            s.append(p);
            size += p.getBytes(StandardCharsets.UTF_8).length;
        }
        return s.toString();
    }

    /** CREATE TABLE for the things table on {@code db}, with or without a primary key. */
    static String ddl(Database db, String table, boolean primaryKey) {
        return "CREATE TABLE " + table + " (id BIGINT " + (primaryKey ? "PRIMARY KEY" : "NOT NULL")
                + ", note " + db.type(Kind.SHORT_TEXT)
                + ", amount " + db.type(Kind.DECIMAL)
                + ", happened_at " + db.type(Kind.INSTANT)
                + ", payload " + db.type(Kind.BYTES)
                + ", body " + db.type(Kind.LONG_TEXT)
                + ", updated_at " + db.type(Kind.INSTANT) + " NOT NULL)";
    }

    /** Inserts rows with plain JDBC. */
    static void insert(Database db, String table, List<Row> rows) throws SQLException {
        try (Connection c = db.connect();
             PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (Row r : rows) {
                ps.setLong(1, r.id());
                ps.setString(2, r.note());
                ps.setBigDecimal(3, r.amount());
                db.bindInstant(ps, 4, r.happenedAt());
                ps.setBytes(5, r.payload());
                ps.setString(6, r.body());
                db.bindInstant(ps, 7, r.updatedAt());
                ps.executeUpdate();
            }
        }
    }

    /** The rows of {@code table} in key order, in normal form, read with plain JDBC. */
    static List<String> read(Database db, String table) throws SQLException {
        List<String> out = new ArrayList<>();
        String sql = "SELECT id, note, amount, " + db.instantSql("happened_at") + ", payload, body, " + db.instantSql("updated_at")
                + " FROM " + table + " ORDER BY id";
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                BigDecimal amount = rs.getBigDecimal(3);
                out.add(normal(rs.getLong(1), rs.getString(2), amount == null ? null : amount.toPlainString(),
                        db.readInstant(rs, 4), rs.getBytes(5), rs.getString(6), db.readInstant(rs, 7)));
            }
        }
        return out;
    }

    /** The normal forms of rows. */
    static List<String> normal(List<Row> rows) {
        return rows.stream().map(Row::normal).toList();
    }

    static String normal(long id, String note, String amount, Instant happenedAt, byte[] payload, String body, Instant updatedAt) {
        return "id=" + id + " note=" + shown(note) + " amount=" + amount + " happened_at=" + happenedAt
                + " payload=" + shown(payload) + " body=" + shown(body) + " updated_at=" + updatedAt;
    }

    private static String shown(String text) {
        if (text == null) {
            return "NULL";
        }
        if (text.length() <= 60) {
            return "'" + text.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + "'";
        }
        return "(" + text.codePointCount(0, text.length()) + " chars, sha256 " + sha(text.getBytes(StandardCharsets.UTF_8)) + ")";
    }

    private static String shown(byte[] bytes) {
        if (bytes == null) {
            return "NULL";
        }
        return bytes.length <= 8 ? "x'" + HexFormat.of().formatHex(bytes) + "'" : "(" + bytes.length + " bytes, sha256 " + sha(bytes) + ")";
    }

    private static String sha(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
