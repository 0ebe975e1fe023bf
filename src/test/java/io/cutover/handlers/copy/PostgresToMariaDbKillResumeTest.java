package io.cutover.handlers.copy;

/**
 * Kill and resume a million-row copy from PostgreSQL into MariaDB. Ten trials by default: the
 * batched inserts make a trial about twice as long as between two PostgreSQL databases (20 trials
 * took 7 minutes here); {@code -Dcutover.kill.trials=20} runs the full twenty.
 */
class PostgresToMariaDbKillResumeTest extends KillResumeContract {
    @Override
    protected Database freshTarget() {
        return Database.mariadb("cutover_kill_pgmaria_dst");
    }

    @Override
    protected String sourceName() {
        return "cutover_kill_pgmaria_src";
    }

    @Override
    protected String targetTable() {
        return "CREATE TABLE events (id BIGINT NOT NULL, kind VARCHAR(20) NOT NULL, amount DECIMAL(12,2), note TEXT,"
                + " happened_at DATETIME(6) NOT NULL)";
    }

    @Override
    protected int trials() {
        return 10;
    }
}
