package io.cutover.handlers.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.handlers.copy.Database;
import io.cutover.plan.Datasource.Engine;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The row merge with text and numeric keys on real databases whose own orders differ: a PostgreSQL
 * column with an ICU collation, a MariaDB column with {@code utf8mb4_unicode_520_ci}, H2's default.
 * Identical rows match; a missing and an extra key are the only differences reported.
 */
class RowCompareTest {
    /** Keys whose linguistic, code-point and UTF-16 orders all differ (and that no case-insensitive collation merges). */
    private static final List<String> KEYS = List.of("a", "B", "c", "é", "z", "中", "ｱ", "𝄞", "😀");

    @TempDir
    Path dir;

    private final Database.Made databases = new Database.Made();

    private Database pg() {
        return databases.postgres("cutover_rowcompare_pg");
    }

    private Database maria() {
        return databases.mariadb("cutover_rowcompare_maria");
    }

    @AfterEach
    void dropDatabases() throws Exception {
        databases.dropAll();
    }

    @Test
    void identicalTextKeysMatchBetweenPostgresAndMariaDb() throws Exception {
        Database pg = textTable(pg(), KEYS);
        Database maria = textTable(maria(), KEYS);

        RowCompare.Result result = compare(pg, maria);

        assertEquals(List.of(), result.examples());
        assertEquals(KEYS.size(), result.sourceRows());
        assertEquals(KEYS.size(), result.targetRows());
    }

    @Test
    void aMissingAndAnExtraTextKeyAreTheOnlyDifferences() throws Exception {
        Database pg = textTable(pg(), KEYS);
        Database maria = textTable(maria(),
                List.of("a", "B", "b2", "c", "é", "z", "中", "𝄞", "😀"));

        RowCompare.Result result = compare(pg, maria);

        assertEquals(new TreeSet<>(List.of("missing in the target: ｱ", "not in the source: b2")), new TreeSet<>(result.examples()));
        assertEquals(2, result.differences());
    }

    @Test
    void aChangedValueIsNamedByItsTextKeyAndColumn() throws Exception {
        Database pg = textTable(pg(), KEYS);
        Database maria = textTable(maria(), KEYS);
        maria.exec("UPDATE keyed SET v = -1 WHERE k = '😀'");

        RowCompare.Result result = compare(pg, maria);

        assertEquals(List.of("differs at 😀: v is '" + (KEYS.indexOf("😀") + 1) + "' in the source and '-1' in the target"),
                result.examples());
    }

    @Test
    void identicalTextKeysMatchBetweenH2AndPostgres() throws Exception {
        Database h2 = textTable(Database.h2(dir, "keys"), KEYS);
        Database pg = textTable(pg(), KEYS);

        assertEquals(List.of(), compare(h2, pg).examples());
        assertEquals(List.of(), compare(pg, h2).examples());
    }

    @Test
    void numericKeysMergeByValueIncludingNegatives() throws Exception {
        Database pg = pg();
        Database maria = maria();
        pg.exec("CREATE TABLE nums (id BIGINT PRIMARY KEY, v NUMERIC(12,2))",
                "INSERT INTO nums VALUES (-100, 1.50), (-10, 2), (-9, 3), (-1, NULL), (0, 0), (2, -0.01), (10, 7), (100, 8)");
        maria.exec("CREATE TABLE nums (id BIGINT PRIMARY KEY, v DECIMAL(12,2))",
                "INSERT INTO nums VALUES (-100, 1.5), (-10, 2.00), (-9, 3), (-1, NULL), (0, 0.00), (10, 7), (100, 8), (1000, 9)");

        RowCompare.Result result;
        try (Connection a = pg.connect(); Connection b = maria.connect()) {
            result = RowCompare.compare(
                    new RowCompare.Side(a, Engine.POSTGRESQL, List.of("v"), List.of("id"), List.of("int8"), "nums", null),
                    new RowCompare.Side(b, Engine.MARIADB, List.of("v"), List.of("id"), List.of("BIGINT"), "nums", null));
        }

        assertEquals(List.of("missing in the target: 2", "not in the source: 1000"), result.examples(), "12.5 = 12.50, and key order by value");
    }

    /** Creates {@code keyed(k, v)} with the engine's non-binary text order; v is the key's place in {@link #KEYS}. */
    private static Database textTable(Database db, List<String> keys) throws Exception {
        db.exec(switch (db.engine()) {
            case POSTGRESQL -> "CREATE TABLE keyed (k TEXT COLLATE \"en-x-icu\" PRIMARY KEY, v INT)";
            case MARIADB -> "CREATE TABLE keyed (k VARCHAR(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci PRIMARY KEY, v INT)";
            default -> "CREATE TABLE keyed (k VARCHAR(20) PRIMARY KEY, v INT)";
        });
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("INSERT INTO keyed (k, v) VALUES (?, ?)")) {
            for (String k : keys) {
                ps.setString(1, k);
                ps.setInt(2, KEYS.contains(k) ? KEYS.indexOf(k) + 1 : 0);
                ps.executeUpdate();
            }
        }
        return db;
    }

    private static final Map<Engine, String> TEXT_TYPE = Map.of(Engine.POSTGRESQL, "text", Engine.MARIADB, "VARCHAR",
            Engine.H2, "CHARACTER VARYING");

    private static RowCompare.Result compare(Database source, Database target) throws Exception {
        try (Connection a = source.connect(); Connection b = target.connect()) {
            return RowCompare.compare(
                    new RowCompare.Side(a, source.engine(), List.of("v"), List.of("k"), List.of(TEXT_TYPE.get(source.engine())), "keyed", null),
                    new RowCompare.Side(b, target.engine(), List.of("v"), List.of("k"), List.of(TEXT_TYPE.get(target.engine())), "keyed", null));
        }
    }

    @Test
    void theTestKeysAreOrderedDifferentlyByEachEngine() throws Exception {
        // Guards the test itself: without COLLATE the engines disagree on the order of these keys.
        Database pg = textTable(pg(), KEYS);
        Database maria = textTable(maria(), KEYS);
        assertTrue(!order(pg).equals(order(maria)), order(pg) + " vs " + order(maria));
    }

    private static String order(Database db) throws Exception {
        StringBuilder out = new StringBuilder();
        try (Connection c = db.connect(); var s = c.createStatement(); var rs = s.executeQuery("SELECT k FROM keyed ORDER BY k")) {
            while (rs.next()) {
                out.append(rs.getString(1)).append(' ');
            }
        }
        return out.toString();
    }
}
