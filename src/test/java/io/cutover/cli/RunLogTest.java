package io.cutover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.engine.ChildRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run log in {@code ./.cutover/logs/}, as an operator finds it after a run in its own process: every line the run
 * printed, in order, ending with the outcome, and no secret's value even where the database echoed it.
 */
class RunLogTest {
    private static final String PASSWORD = "pw-Lg5tR8wQ";
    private static final String TOKEN = "tok-Hv2nB6yX";

    @Test
    void theLogHoldsEveryLineOfTheRunMaskedAndEndsWithItsOutcome(@TempDir Path dir) throws Exception {
        String tasks = new StringBuilder().append("""
                cutover: 1
                name: logged
                datasources:
                  app:
                    url: "jdbc:h2:file:DIR/target"
                    user: sa
                    password: "${secret.CUTOVER_RUN_LOG_TEST_PW:-PASSWORD}"
                phases:
                  - id: build
                    tasks:
                """.replace("DIR", dir.toString()).replace("PASSWORD", PASSWORD)).toString();
        StringBuilder plan = new StringBuilder(tasks);
        for (int i = 1; i <= 60; i++) {
            plan.append("      - {id: t").append(i).append(", type: sql, datasource: app, up: \"CREATE TABLE t").append(i)
                    .append(" (id INT)\", down: \"DROP TABLE t").append(i).append("\"}\n");
        }
        plan.append("""
                      - id: leak
                        type: sql
                        datasource: app
                        up: "INSERT INTO missing VALUES ('${secret.CUTOVER_RUN_LOG_TEST_TOKEN:-TOKEN}')"
                        down: "DELETE FROM missing"
                """.replace("TOKEN", TOKEN));
        Files.writeString(dir.resolve("logged.yaml"), plan.toString());

        ChildRun run = ChildRun.start(dir, "run", "run", "logged.yaml");
        assertEquals(1, run.await(120), run.output());
        String output = run.output();
        Path log = dir.resolve(".cutover/logs/cutover.log");
        assertTrue(Files.exists(log), "the run log is where cli.md says");
        String text = Files.readString(log);
        for (String secret : List.of(PASSWORD, TOKEN)) {
            assertFalse(output.contains(secret), "a secret shows in the output: " + output);
            assertFalse(text.contains(secret), "a secret shows in the log: " + text);
        }
        assertTrue(text.contains("FAILED build/leak") && text.contains("***"), "the echoed value is masked, not dropped: " + text);

        // Every line the run printed is in the log, in the same order, each with its time, process and run.
        List<String> printed = output.lines().filter(l -> l.startsWith("start  ") || l.startsWith("done   ")
                || l.startsWith("undo   ") || l.startsWith("undone ") || l.startsWith("rolling back ")).toList();
        List<String> logged = text.lines().filter(l -> l.matches("\\S+ (INFO|ERROR) +pid=\\d+ run=\\S+ .*"))
                .map(l -> l.replaceFirst("^\\S+ (INFO|ERROR) +pid=\\d+ run=\\S+ ", ""))
                .filter(l -> printed.contains(l)).toList();
        assertEquals(printed, logged, "the log holds the run's task lines in order");
        assertEquals(61 + 60 + 2 * 60 + 1, printed.size(), "61 tasks started, 60 were done, then undone: " + output);
        String last = text.strip().lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(last.contains(" ERROR ") && last.endsWith("task build/leak failed; the run was rolled back"),
                "the log ends with the run's outcome: " + last);
    }
}
