package io.cutover.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code cutover review} in process: formats, exit codes of cli.md, bad input, and no secret in the output. */
class ReviewCommandTest {
    private static final String DIFF = "src/test/resources/review/diff/";
    private static final String EVERY_RULE = "src/test/resources/review/every-rule.yaml";

    record Result(int code, String out, String err) { }

    static Result cutover(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void markdownWithABaseExitsZeroWhenNothingIsAtTheErrorLevel() {
        Result r = cutover("review", "--format", "markdown", "--base", DIFF + "base.yaml", DIFF + "plan.yaml");
        assertEquals(0, r.code(), r.err());
        for (String expected : List.of("```mermaid", "gantt", "drop-old", "**irreversible**", "Europe/Berlin", "`error_rate > 1%`",
                "`3h` → `2h`", "### Changes against")) {
            assertTrue(r.out().contains(expected), "no " + expected + " in:\n" + r.out());
        }
    }

    @Test
    void failOnDecidesTheExitCode() {
        assertEquals(1, cutover("review", DIFF + "plan.yaml", "--fail-on", "warning").code());
        assertEquals(0, cutover("review", DIFF + "plan.yaml", "--fail-on", "error").code());
        assertEquals(1, cutover("review", EVERY_RULE).code(), "a destructive statement is an error");
        Result bad = cutover("review", DIFF + "plan.yaml", "--fail-on", "info");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--fail-on info is not a level: use warning or error"), bad.err());
        assertEquals(2, cutover("review", "--format", "html", DIFF + "plan.yaml").code());
    }

    @Test
    void anInvalidPlanOrBaseIsBadInputWithValidatesMessages(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, Files.readString(Path.of(DIFF + "plan.yaml")).replace("down: truncate", "donw: truncate"));
        Result r = cutover("review", broken.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown key 'donw' (did you mean 'down'?)"), r.err());
        assertTrue(r.out().isEmpty(), r.out());
        Result base = cutover("review", "--base", broken.toString(), DIFF + "plan.yaml");
        assertEquals(2, base.code());
        assertTrue(base.err().contains(broken + ":"), base.err());
        Result json = cutover("review", "--format", "json", broken.toString());
        assertEquals(2, json.code());
        assertFalse(JsonMapper.shared().readTree(json.out()).path("valid").asBoolean(true));
        assertEquals(2, cutover("review", "no/such/plan.yaml").code());
    }

    @Test
    void jsonHasTheKeysOfCliMd() {
        Result r = cutover("review", "--format", "json", EVERY_RULE);
        JsonNode json = JsonMapper.shared().readTree(r.out());
        assertEquals("every-rule", json.path("plan").asString());
        assertTrue(json.path("summary").isObject());
        assertTrue(json.path("changes").isNull(), "no --base, no changes");
        JsonNode finding = json.path("findings").path(1);
        assertEquals(List.of("rule", "severity", "task", "file", "line", "column", "message"),
                List.copyOf(finding.propertyNames()));
        assertEquals("destructive-statement", finding.path("rule").asString());
        assertEquals("error", finding.path("severity").asString());
        assertEquals("drop-legacy", finding.path("task").asString());
        assertEquals(EVERY_RULE, finding.path("file").asString());
        assertEquals(23, finding.path("line").asInt());
        assertEquals(11, finding.path("column").asInt());
        assertTrue(json.path("findings").path(0).path("task").isNull(), "a plan-wide finding has no task");
        JsonNode changes = JsonMapper.shared().readTree(cutover("review", "--format", "json", "--base", DIFF + "base.yaml",
                DIFF + "plan.yaml").out()).path("changes");
        assertEquals("changed", changes.path(0).path("kind").asString());
        assertEquals("rollback_triggers[0].for", changes.path(0).path("key").asString());
        assertEquals("5", changes.path(0).path("old").asString());
        assertEquals("3", changes.path(0).path("new").asString());
    }

    @Test
    void sarifAndTextFormats() {
        Result sarif = cutover("review", "--format", "sarif", EVERY_RULE);
        assertEquals(1, sarif.code());
        assertEquals("2.1.0", JsonMapper.shared().readTree(sarif.out()).path("version").asString());
        Result text = cutover("review", EVERY_RULE);
        assertTrue(text.out().contains(EVERY_RULE + ":23:11: error: drop-legacy: DROP TABLE legacy_orders destroys data"), text.out());
    }

    @Test
    void noSecretIsShownAsItsValue(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path plan = dir.resolve("secret.yaml");
        Files.writeString(plan, """
                cutover: 1
                name: secrets
                datasources:
                  db:
                    url: "jdbc:postgresql://db/app?user=app&password=${secret.REVIEW_TEST_PW:-hunter2}"
                    password: ${secret.REVIEW_TEST_PW:-hunter2}
                phases:
                  - id: one
                    tasks:
                      - {id: t, type: sql, datasource: db, up: "SELECT 'hunter2'", down: SELECT 1}
                """);
        for (String format : List.of("text", "markdown", "json", "sarif")) {
            Result r = cutover("review", "--format", format, plan.toString());
            assertFalse((r.out() + r.err()).contains("hunter2"), format + " shows the secret:\n" + r.out());
        }
    }
}
