package io.cutover.handlers.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The normal form that lets PostgreSQL, MariaDB and H2 values be compared: equal meaning, equal
 * form; any real difference stays a difference. And the key order the merge relies on, which must
 * be the databases' order under {@code COLLATE "C"} / {@code utf8mb4_bin}: code points.
 */
class NormalTest {

    @Test
    void numbersOfEqualValueHaveOneFormWhateverTheirScaleOrType() throws Exception {
        assertEquals(Normal.of(new BigDecimal("12.5")), Normal.of(new BigDecimal("12.50")));
        assertEquals("0", Normal.of(new BigDecimal("0.00")));
        assertEquals(Normal.of(0L), Normal.of(new BigDecimal("-0.00")));
        assertEquals("-0.01", Normal.of(new BigDecimal("-0.010")));
        assertEquals("100", Normal.of(new BigDecimal("100.00")), "plain, never 1E+2");
        assertEquals("1000", Normal.of(new BigDecimal("1E+3")));
        assertEquals("9999999999.99", Normal.of(new BigDecimal("9999999999.99")));
        assertEquals(Normal.of(42L), Normal.of(42));
        assertEquals(Normal.of(42L), Normal.of((short) 42));
        assertEquals(Normal.of(42L), Normal.of(new BigDecimal("42.000")));
        assertEquals(Normal.of(new BigInteger("9223372036854775808")), Normal.of(new BigDecimal("9223372036854775808.0")));
    }

    @Test
    void numbersThatDifferStayDifferent() throws Exception {
        assertNotEquals(Normal.of(new BigDecimal("12.50")), Normal.of(new BigDecimal("12.51")));
        assertNotEquals(Normal.of(new BigDecimal("-0.01")), Normal.of(new BigDecimal("0.01")));
        assertNotEquals(Normal.of(new BigDecimal("1234567890.12")), Normal.of(new BigDecimal("1234567890.1")));
    }

    @Test
    void aZonedTimeAndADatetimeHoldingUtcAreTheSameInstant() throws Exception {
        // PostgreSQL timestamptz / H2 TIMESTAMP WITH TIME ZONE against a MariaDB DATETIME(6) holding UTC.
        assertEquals(Normal.of(OffsetDateTime.parse("2026-03-29T01:30:00+02:00")), Normal.of(LocalDateTime.parse("2026-03-28T23:30:00")));
        assertEquals(Normal.of(OffsetDateTime.parse("1999-12-31T23:59:59.999999-08:00")),
                Normal.of(LocalDateTime.parse("2000-01-01T07:59:59.999999")));
        assertEquals(Normal.of(OffsetDateTime.parse("2030-01-01T00:00:00+14:00")), Normal.of(OffsetDateTime.parse("2029-12-31T10:00:00Z")));
    }

    @Test
    void timesThatDifferByAMicrosecondOrAnOffsetStayDifferent() throws Exception {
        assertNotEquals(Normal.of(OffsetDateTime.parse("2024-02-29T12:34:56.123456Z")),
                Normal.of(OffsetDateTime.parse("2024-02-29T12:34:56.123457Z")));
        assertNotEquals(Normal.of(OffsetDateTime.parse("2026-03-29T01:30:00+02:00")), Normal.of(LocalDateTime.parse("2026-03-29T01:30:00")),
                "a DATETIME holds UTC: 01:30 there is not 01:30 in Berlin");
    }

    @Test
    void nullIsNeitherEmptyNorTheWordNull() throws Exception {
        assertNotEquals(Normal.of(null), Normal.of(""));
        assertNotEquals(Normal.of(null), Normal.of("NULL"));
        assertNotEquals(Normal.of(null), Normal.of(new byte[0]));
        assertEquals(Normal.of(null), Normal.of(null));
    }

    @Test
    void bytesCompareByContentWithEveryByteValue() throws Exception {
        assertEquals(Normal.of(new byte[] {0, -1, 0x5c, 0x27}), Normal.of(new byte[] {0, -1, 0x5c, 0x27}));
        assertNotEquals(Normal.of(new byte[] {0}), Normal.of(new byte[] {0, 0}), "a trailing 0x00 is content");
        assertNotEquals(Normal.of(new byte[] {0}), Normal.of(new byte[0]));
        assertNotEquals(Normal.of(new byte[] {0x61}), Normal.of("a"), "bytes are not text");
    }

    @Test
    void textKeepsEveryCharacter() throws Exception {
        assertEquals("zaž 😀𝄞", Normal.of("zaž 😀𝄞"));
        assertNotEquals(Normal.of("a"), Normal.of("a "), "a trailing space is content");
        assertNotEquals(Normal.of("a"), Normal.of("A"));
    }

    @Test
    void numericKeysOrderByValue() {
        assertTrue(Normal.compare(9L, 10L) < 0);
        assertTrue(Normal.compare(new BigDecimal("10.0"), 9) > 0);
        assertTrue(Normal.compare(-10L, -9L) < 0);
        assertTrue(Normal.compare(-2L, -10L) > 0);
        assertEquals(0, Normal.compare(12L, new BigDecimal("12.00")));
    }

    @Test
    void textKeysOrderByCodePointAsTheDatabasesBinaryCollationsDo() {
        // PostgreSQL COLLATE "C" on UTF-8 and MariaDB utf8mb4_bin order by code point (UTF-8 bytes).
        List<String> byCodePoint = List.of("", "A", "B", "Z", "a", "aa", "b", "z", "é", "ž", "中", "ｚ", "ｱ", "𝄞", "😀");
        List<String> sorted = new ArrayList<>(byCodePoint);
        java.util.Collections.reverse(sorted);
        sorted.sort(Normal::compare);
        assertEquals(byCodePoint, sorted);
        assertTrue(Normal.compare("ｚ", "𝄞") < 0, "U+FF5A comes before U+1D11E");
        assertTrue(Normal.compare("\uFFFD", "😀") < 0, "U+FFFD comes before U+1F600");
    }
}
