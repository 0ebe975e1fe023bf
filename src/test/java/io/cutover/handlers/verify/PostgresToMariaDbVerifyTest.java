package io.cutover.handlers.verify;

import io.cutover.handlers.copy.Database;

/** A million rows verified between PostgreSQL and MariaDB (its DATETIME(6) holding UTC). */
class PostgresToMariaDbVerifyTest extends MillionRowsVerifyContract {
    @Override
    protected Database freshTarget() {
        return Database.mariadb("cutover_verify_pgmaria_dst");
    }

    @Override
    protected String name() {
        return "cutover_verify_pgmaria";
    }

    @Override
    protected String targetTable() {
        return "CREATE TABLE events (id BIGINT PRIMARY KEY, kind VARCHAR(20) NOT NULL, amount DECIMAL(12,2), note TEXT,"
                + " happened_at DATETIME(6) NOT NULL)";
    }

    @Override
    protected String targetRows(String condition) {
        return """
                INSERT INTO events SELECT g, CONCAT('k', g % 13),
                  CASE WHEN g % 17 = 0 THEN NULL ELSE ((g % 200000) - 100000) / 100.0 END,
                  CASE WHEN g % 7 = 0 THEN NULL WHEN g % 11 = 0 THEN CONCAT('zaž 😀𝄞 ', g) ELSE MD5(g) END,
                  TIMESTAMP '2026-01-01 00:00:00' + INTERVAL (g * 1000001) MICROSECOND
                FROM (SELECT CAST(seq AS SIGNED) AS g FROM seq_1_to_1000000) s WHERE\s""" + condition;
    }
}
