package io.cutover.handlers.copy;

import io.cutover.plan.Datasource.Engine;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Session settings a copy needs: MariaDB reads and writes DATETIME as UTC. */
final class Sessions {
    private Sessions() {
    }

    static void prepare(Connection c, Engine engine) throws SQLException {
        if (engine == Engine.MARIADB) {
            try (Statement s = c.createStatement()) {
                s.execute("SET time_zone = '+00:00'");
            }
        }
    }
}
