package io.cutover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The command line in-process: exit codes, streams and formats of cli.md. */
class CliTest {
    record Result(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    static Result cutover(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    private static Path write(Path dir, String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static final String VALID = """
            cutover: 1
            name: ok
            datasources:
              app: {url: "jdbc:h2:mem:ok", password: "${secret.CLI_TEST_PW:-hunter2}"}
            window: {days: [sat], from: "22:00", to: "23:00", timezone: UTC}
            phases:
              - id: one
                tasks:
                  - id: make
                    type: sql
                    datasource: app
                    up: CREATE TABLE t (id INT, note VARCHAR(20) DEFAULT 'hunter2');
                    down: DROP TABLE t;
            """;

    @Test
    void validateSaysValidAndExitsZero(@TempDir Path dir) throws Exception {
        Result r = cutover("validate", write(dir, "ok.yaml", VALID).toString());
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("ok.yaml: valid (1 phase, 1 task"), r.out());
        assertTrue(r.err().contains("warning:") && r.err().contains("[window-without-triggers]"),
                "lint findings show in validate, as warnings: " + r.err());
    }

    @Test
    void validateJsonListsErrorsWithPositions(@TempDir Path dir) throws Exception {
        Path plan = write(dir, "bad.yaml", VALID.replace("down:", "donw:"));
        Result r = cutover("validate", "--format", "json", plan.toString());
        assertEquals(2, r.code());
        JsonNode json = JsonMapper.shared().readTree(r.out());
        assertFalse(json.get("valid").booleanValue());
        JsonNode error = json.get("errors").get(0);
        assertEquals(13, error.get("line").asInt());
        assertEquals(9, error.get("column").asInt());
        assertEquals("phases[0].tasks[0]", error.get("path").asString());
        assertEquals("unknown key 'donw' (did you mean 'down'?)", error.get("message").asString());
        assertEquals(plan.toString(), error.get("file").asString());
    }

    @Test
    void aMissingFileIsBadInput() {
        Result r = cutover("validate", "no/such/plan.yaml");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no/such/plan.yaml:1:1: no such file"), r.err());
    }

    @Test
    void severalPlansAreCheckedTogether(@TempDir Path dir) throws Exception {
        Result r = cutover("validate", write(dir, "a.yaml", VALID).toString(),
                write(dir, "b.yaml", VALID.replace("cutover: 1", "cutover: 2")).toString());
        assertEquals(2, r.code());
        assertTrue(r.out().contains("a.yaml: valid"));
        assertTrue(r.out().contains("b.yaml: invalid (1 error)"));
        assertTrue(r.err().contains("b.yaml:1:10: cutover: must be 1 (the format version, 1), found 2"), r.err());
    }

    @Test
    void planMasksSecretsAndShowsTheWindowInLocalTimeAndUtc(@TempDir Path dir) throws Exception {
        Path plan = write(dir, "ok.yaml", VALID.replace("UTC}", "Asia/Tokyo}"));
        Result r = cutover("plan", "--at", "2031-06-14T10:00", plan.toString());
        assertEquals(0, r.code(), r.all());
        assertFalse(r.all().contains("hunter2"), "a secret's value never shows");
        assertTrue(r.out().contains("DEFAULT '***'"), r.out());
        assertTrue(r.out().contains("next opening: 2031-06-14 22:00 +09:00 Asia/Tokyo = 2031-06-14 13:00 UTC"), r.out());
        assertTrue(r.out().contains("make: DROP TABLE t;"), "the rollback path");
        assertTrue(r.out().contains("Nothing was run."));
    }

    @Test
    void planRefusesAnUnsetReference(@TempDir Path dir) throws Exception {
        Path plan = write(dir, "env.yaml", VALID.replace("jdbc:h2:mem:ok", "${env.CUTOVER_CLI_TEST_UNSET}"));
        Result r = cutover("plan", plan.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("env.yaml:4:14: datasources.app.url: ${env.CUTOVER_CLI_TEST_UNSET} is not set"), r.err());
        Result v = cutover("validate", plan.toString());
        assertEquals(0, v.code(), "validate only warns: CI lacks production variables");
        assertTrue(v.err().contains("warning: ${env.CUTOVER_CLI_TEST_UNSET}"));
    }

    @Test
    void planJsonIsOneObject(@TempDir Path dir) throws Exception {
        Result r = cutover("plan", "--format", "json", "--at", "2031-06-14T23:30Z", write(dir, "ok.yaml", VALID).toString());
        assertEquals(0, r.code(), r.all());
        JsonNode json = JsonMapper.shared().readTree(r.out());
        assertEquals("ok", json.get("plan").asString());
        assertEquals("2031-06-21T22:00:00Z", json.at("/window/opens_utc").asString());
        assertEquals("DROP TABLE t;", json.at("/phases/0/tasks/0/spec/down").asString());
    }

    @Test
    void wrongOptionsAreBadInputWithoutAStackTrace() {
        Result unknown = cutover("validate", "--frobnicate", "x.yaml");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("Unknown option: '--frobnicate'"), unknown.err());
        Result format = cutover("validate", "--format", "xml", "x.yaml");
        assertEquals(2, format.code());
        assertTrue(format.err().contains("--format xml is not known here"));
        Result at = cutover("plan", "--at", "tomorrow", "x.yaml");
        assertEquals(2, at.code());
        assertFalse(unknown.all().contains("\tat "));
    }

    @Test
    void versionSchemaAndHandlers() {
        assertTrue(cutover("--version").out().startsWith("cutover "));
        JsonNode schema = JsonMapper.shared().readTree(cutover("schema").out());
        assertEquals("https://json-schema.org/draft/2020-12/schema", schema.get("$schema").asString());
        Result handlers = cutover("handlers");
        for (String type : new String[] {"sql", "copy", "verify", "shell", "http", "wait", "approval", "monitor"}) {
            assertTrue(handlers.out().contains(type + " "), handlers.out());
        }
    }
}
