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
final class Values {
    private Values() {
    }

    /** {@code value} as read from the source, made fit for the target engine and column type. */
    static Object convert(Object value, Engine target, String targetType) throws SQLException {
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
            return target == Engine.MARIADB ? odt.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime() : odt;
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
