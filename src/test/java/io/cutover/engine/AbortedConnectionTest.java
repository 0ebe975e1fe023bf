package io.cutover.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cutover.Cutover;
import io.cutover.TestDatabases;
import io.cutover.journal.StateStore;
import io.cutover.load.LoadedPlan;
import io.cutover.plan.Task;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task's timeout aborts its connections on another thread: such a connection must never go back to the pool, or the
 * next task (the rollback's down, typically) is handed a closed session. Seen once in a full test run: the handler had
 * already rolled back, and the abort's close came after the task had returned the connection.
 */
class AbortedConnectionTest {
    @Test
    void aConnectionATimeoutAbortedNeverGoesBackToThePool(@TempDir Path dir) throws Exception {
        String url = TestDatabases.postgres("cutover_aborted");
        Path planFile = dir.resolve("plan.yaml");
        Files.writeString(planFile, "cutover: 1\nname: aborted\ndatasources:\n  app: {url: \"" + url + "\", user: postgres, pool_size: 1}\n"
                + "phases:\n  - id: p\n    tasks:\n      - {id: t, type: sql, datasource: app, up: \"SELECT 1\", down: \"SELECT 1\"}\n");
        LoadedPlan loaded = new Cutover().load(planFile, Map.of());
        Task task = loaded.plan().tasks().get(0);
        try (StateStore store = StateStore.open("jdbc:h2:mem:aborted", Clock.systemUTC());
             Pools pools = new Pools(loaded.plan(), loaded.secrets())) {
            Reporter reporter = new Reporter(new PrintWriter(new StringWriter()), loaded.secrets());
            RunScope scope = new RunScope(loaded, "r1", store, new Journal(store, "r1", Clock.systemUTC()), pools,
                    new AppliedLookup("aborted", pools, store), new StopSignal(), reporter, new Cutover().handlers(), Clock.systemUTC());
            // The abort closes the session on another thread, a moment later; whether that lands before or after the task
            // returns its connection is a race, so it is run many times. The pool checks a connection it lent less than
            // 0.5 s ago as alive without asking the server: a dead one handed out fails the next statement.
            for (int attempt = 1; attempt <= 100; attempt++) {
                EngineContext context = new EngineContext(scope, task, "", "sum");
                Connection taken = context.connection("app"); // the pool's only connection
                taken.setAutoCommit(true); // as a handler leaves it once it has rolled back
                context.abort();
                context.close();
                Thread.sleep(5); // the abort's close has happened now
                try (Connection next = pools.connection("app"); ResultSet rs = next.createStatement().executeQuery("SELECT 41 + 1")) {
                    rs.next();
                    assertEquals(42, rs.getInt(1), "attempt " + attempt + ": the next task gets a live session");
                }
            }
        }
    }
}
