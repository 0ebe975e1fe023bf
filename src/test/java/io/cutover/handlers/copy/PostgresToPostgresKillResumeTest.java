package io.cutover.handlers.copy;

/** Kill and resume a million-row copy between two PostgreSQL databases. */
class PostgresToPostgresKillResumeTest extends KillResumeContract {
    @Override
    protected Database freshTarget() {
        return Database.postgres("cutover_kill_pgpg_dst");
    }

    @Override
    protected String sourceName() {
        return "cutover_kill_pgpg_src";
    }

    @Override
    protected String targetTable() {
        return "CREATE TABLE events (id BIGINT NOT NULL, kind TEXT NOT NULL, amount NUMERIC(12,2), note TEXT,"
                + " happened_at TIMESTAMPTZ NOT NULL)";
    }
}
