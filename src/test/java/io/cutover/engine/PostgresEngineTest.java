package io.cutover.engine;

import io.cutover.TestDatabases;
import java.nio.file.Path;
import java.util.Optional;

/** The engine contract on PostgreSQL (trust authentication: any password logs in). */
class PostgresEngineTest extends EngineContract {
    @Override
    protected Target freshTarget(Path dir, String password) {
        return new Target(TestDatabases.postgres("cutover_engine_pg"), TestDatabases.PG_USER, password);
    }

    @Override
    protected Optional<String> sleepStatement(int seconds) {
        return Optional.of("SELECT pg_sleep(" + seconds + ")");
    }

    @Override
    protected boolean ddlRunsInTransactions() {
        return true;
    }
}
