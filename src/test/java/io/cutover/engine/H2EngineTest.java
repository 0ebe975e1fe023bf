package io.cutover.engine;

import java.nio.file.Path;
import java.util.Optional;

/** The engine contract on an H2 file database; H2 has no sleep function, so no timeout test. */
class H2EngineTest extends EngineContract {
    @Override
    protected Target freshTarget(Path dir, String password) {
        // H2 sets a database's password when it creates it: one file per password.
        String name = password.isEmpty() ? "app" : "app-with-password";
        return new Target("jdbc:h2:file:" + dir.resolve("target").resolve(name), "sa", password);
    }

    @Override
    protected Optional<String> sleepStatement(int seconds) {
        return Optional.empty();
    }

    @Override
    protected boolean ddlRunsInTransactions() {
        return false;
    }
}
