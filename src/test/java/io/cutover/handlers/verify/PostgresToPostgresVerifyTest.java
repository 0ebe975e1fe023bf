package io.cutover.handlers.verify;

import io.cutover.handlers.copy.Database;

/** A million rows verified between two PostgreSQL databases. */
class PostgresToPostgresVerifyTest extends MillionRowsVerifyContract {
    @Override
    protected Database freshTarget() {
        return Database.postgres("cutover_verify_pgpg_dst");
    }

    @Override
    protected String name() {
        return "cutover_verify_pgpg";
    }

    @Override
    protected String targetTable() {
        return "CREATE TABLE events (id BIGINT PRIMARY KEY, kind TEXT NOT NULL, amount NUMERIC(12,2), note TEXT,"
                + " happened_at TIMESTAMPTZ NOT NULL)";
    }

    @Override
    protected String targetRows(String condition) {
        return """
                INSERT INTO events SELECT g, 'k' || (g % 13),
                  CASE WHEN g % 17 = 0 THEN NULL ELSE ((g % 200000) - 100000) / 100.0 END,
                  CASE WHEN g % 7 = 0 THEN NULL WHEN g % 11 = 0 THEN 'zaž 😀𝄞 ' || g ELSE md5(g::text) END,
                  timestamptz '2026-01-01 00:00:00+00' + g * interval '1.000001 second'
                FROM generate_series(1, 1000000) g WHERE\s""" + condition;
    }
}
