package io.cutover.handlers.copy;

import io.cutover.plan.Datasource.Engine;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Values between engines keep their meaning (plan-format.md): a PostgreSQL {@code timestamptz}
 * becomes UTC in a MariaDB {@code DATETIME(6)} and comes back as UTC; text stays UTF-8; LOBs are
 * read whole; driver-specific objects travel as their text.
 */
public final class Values {
    private Values() {
    }

    /**
     * Reads column {@code i} without the JVM's time zone in the way: zoned timestamps as
     * {@link OffsetDateTime}, plain ones ({@code DATETIME}, {@code timestamp}) as {@link LocalDateTime},
     * dates and times as {@code java.time} values; everything else with {@code getObject}.
     */
    public static Object read(java.sql.ResultSet rs, int i) throws SQLException {
        java.sql.ResultSetMetaData md = rs.getMetaData();
        String type = md.getColumnTypeName(i).toLowerCase(java.util.Locale.ROOT);
        Object value;
        if (type.equals("timestamptz") || type.contains("with time zone")) {
            value = rs.getObject(i, OffsetDateTime.class);
        } else if ((type.startsWith("timestamp") || type.equals("datetime")) && md.getClass().getName().startsWith("org.mariadb")) { // the pool wraps the result set, not its metadata
            // MariaDB's driver goes through the JVM's zone for LocalDateTime (02:30 in a DST gap becomes 03:30): read the text.
            String text = rs.getString(i);
            value = text == null ? null : LocalDateTime.parse(text.replace(' ', 'T'));
        } else if (type.startsWith("timestamp") || type.equals("datetime")) {
            value = rs.getObject(i, LocalDateTime.class);
        } else if (type.equals("date")) {
            value = rs.getObject(i, java.time.LocalDate.class);
        } else if (type.equals("time")) {
            value = rs.getObject(i, java.time.LocalTime.class);
        } else {
            value = rs.getObject(i);
        }
        return rs.wasNull() ? null : value;
    }

    /** {@code value} as read from the source, made fit for the target engine and column type. */
    public static Object convert(Object value, Engine target, String targetType) throws SQLException {
        if (value == null) {
            return null;
        }
        if (value instanceof Clob clob) {
            return read(clob);
        }
        if (value instanceof Blob blob) {
            return blob.getBytes(1, (int) blob.length());
        }
        if (value instanceof OffsetDateTime odt) {
            return target == Engine.MARIADB ? text(odt.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()) : odt;
        }
        if (value instanceof LocalDateTime ldt && target == Engine.MARIADB) {
            return text(ldt);
        }
        if (value instanceof java.sql.Timestamp ts && target == Engine.POSTGRESQL && isZoned(targetType)) {
            return ts.toLocalDateTime().atOffset(ZoneOffset.UTC); // a DATETIME written by cutover holds UTC
        }
        if (value instanceof LocalDateTime ldt && target == Engine.POSTGRESQL && isZoned(targetType)) {
            return ldt.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof UUID uuid && target != Engine.POSTGRESQL) {
            return uuid.toString();
        }
        if (value instanceof java.sql.Array || value.getClass().getName().startsWith("org.postgresql.util.PG")) {
            return value.toString();
        }
        return value;
    }

    /**
     * A DATETIME for MariaDB as text: its driver turns a {@code LocalDateTime} into a time through
     * the JVM's zone, which moves times that fall in that zone's DST gap (02:30 becomes 03:30).
     */
    private static String text(LocalDateTime t) {
        return t.format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS"));
    }

    private static boolean isZoned(String type) {
        String t = type.toLowerCase(java.util.Locale.ROOT);
        return t.equals("timestamptz") || t.contains("with time zone");
    }

    private static String read(Clob clob) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Reader reader = clob.getCharacterStream()) {
            char[] buffer = new char[8192];
            int n;
            while ((n = reader.read(buffer)) > 0) {
                out.append(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
