package io.cutover.journal;

import io.cutover.TestDatabases;

class PostgresStateStoreTest extends StateStoreContract {
    @Override
    protected String freshUrl() {
        return TestDatabases.postgres("cutover_test_state");
    }

    @Override
    protected String otherFreshUrl() {
        return TestDatabases.postgres("cutover_test_state_other");
    }
}
