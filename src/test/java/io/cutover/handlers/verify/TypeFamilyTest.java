package io.cutover.handlers.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/**
 * Column types by family, as the schema check compares them: the type names each engine's JDBC
 * metadata reports for one column type count as the same, and a different scale does not.
 */
class TypeFamilyTest {

    @Test
    void integersOfOneSizeAreOneFamilyOnEveryEngine() {
        assertEquals(TypeFamily.of("int8", 19, 0), TypeFamily.of("BIGINT", 19, 0));
        assertEquals(TypeFamily.of("bigserial", 19, 0), TypeFamily.of("BIGINT", 20, 0));
        assertEquals(TypeFamily.of("int4", 10, 0), TypeFamily.of("INT", 10, 0));
        assertEquals(TypeFamily.of("int4", 10, 0), TypeFamily.of("INTEGER", 32, 0));
        assertEquals(TypeFamily.of("int2", 5, 0), TypeFamily.of("SMALLINT", 5, 0));
        assertNotEquals(TypeFamily.of("int4", 10, 0), TypeFamily.of("BIGINT", 19, 0));
    }

    @Test
    void decimalsKeepTheirPrecisionAndScale() {
        assertEquals(TypeFamily.of("numeric", 12, 2), TypeFamily.of("DECIMAL", 12, 2));
        assertEquals(TypeFamily.of("numeric", 12, 2), TypeFamily.of("NUMERIC", 12, 2));
        assertNotEquals(TypeFamily.of("numeric", 12, 2), TypeFamily.of("DECIMAL", 12, 3), "a different scale is a different type");
        assertNotEquals(TypeFamily.of("numeric", 12, 2), TypeFamily.of("DECIMAL", 14, 2));
    }

    @Test
    void textTypesAreOneFamily() {
        String text = TypeFamily.of("text", Integer.MAX_VALUE, 0);
        assertEquals(text, TypeFamily.of("varchar", 200, 0));
        assertEquals(text, TypeFamily.of("VARCHAR", 200, 0));
        assertEquals(text, TypeFamily.of("LONGTEXT", Integer.MAX_VALUE, 0));
        assertEquals(text, TypeFamily.of("CHARACTER VARYING", 200, 0));
        assertEquals(text, TypeFamily.of("CHARACTER LARGE OBJECT", Integer.MAX_VALUE, 0));
    }

    @Test
    void instantsAndBinariesAreOneFamilyAcrossEngines() {
        assertEquals(TypeFamily.of("timestamptz", 35, 6), TypeFamily.of("DATETIME", 26, 6));
        assertEquals(TypeFamily.of("timestamptz", 35, 6), TypeFamily.of("TIMESTAMP WITH TIME ZONE", 32, 6));
        assertEquals(TypeFamily.of("bytea", Integer.MAX_VALUE, 0), TypeFamily.of("LONGBLOB", Integer.MAX_VALUE, 0));
        assertEquals(TypeFamily.of("bytea", Integer.MAX_VALUE, 0), TypeFamily.of("BINARY LARGE OBJECT", Integer.MAX_VALUE, 0));
        assertEquals(TypeFamily.of("bytea", Integer.MAX_VALUE, 0), TypeFamily.of("VARBINARY", 255, 0));
        assertNotEquals(TypeFamily.of("timestamptz", 35, 6), TypeFamily.of("date", 13, 0));
        assertNotEquals(TypeFamily.of("bytea", Integer.MAX_VALUE, 0), TypeFamily.of("text", Integer.MAX_VALUE, 0));
    }

    @Test
    void booleansAreOneFamilyAndATinyIntegerIsNotABoolean() {
        assertEquals(TypeFamily.of("bool", 1, 0), TypeFamily.of("BOOLEAN", 1, 0));
        assertEquals(TypeFamily.of("bool", 1, 0), TypeFamily.of("TINYINT", 1, 0), "MariaDB's BOOLEAN is TINYINT(1)");
        assertEquals(TypeFamily.of("int2", 5, 0), TypeFamily.of("TINYINT", 3, 0));
    }
}
