package io.cutover.engine;

import io.cutover.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/** The engine contract on MariaDB: root has no password, so a password gets its own user. */
class MariaDbEngineTest extends EngineContract {
    private static final String DATABASE = "cutover_engine_maria";
    private static final String USER = "cutover_engine";

    @Override
    protected Target freshTarget(Path dir, String password) {
        String url = TestDatabases.mariadb(DATABASE);
        if (password.isEmpty()) {
            return new Target(url, "root", "");
        }
        try (Connection c = DriverManager.getConnection(url, "root", ""); Statement s = c.createStatement()) {
            for (String host : new String[] {"localhost", "127.0.0.1", "%"}) {
                s.execute("CREATE OR REPLACE USER '" + USER + "'@'" + host + "' IDENTIFIED BY '" + password + "'");
                s.execute("GRANT ALL ON " + DATABASE + ".* TO '" + USER + "'@'" + host + "'");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the MariaDB user " + USER + ": " + e.getMessage(), e);
        }
        return new Target(url, USER, password);
    }

    @Override
    protected Optional<String> sleepStatement(int seconds) {
        return Optional.of("SELECT SLEEP(" + seconds + ")");
    }

    @Override
    protected boolean ddlRunsInTransactions() {
        return false;
    }
}
