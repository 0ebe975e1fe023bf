package io.cutover.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.plan.SourceLocation;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PlanReaderTest {
    private final PlanReader reader = new PlanReader();

    @Test
    void mergeKeysApplyAndExplicitKeysWin() {
        String text = """
                x-defaults: &d
                  batch_size: 10
                  mode: insert
                task:
                  <<: *d
                  mode: upsert
                """;
        PlanReader.Result result = reader.readText(text, "m.yaml");
        assertTrue(result.problems().isEmpty(), result.problems().toString());
        JsonNode task = result.tree().root().get("task");
        assertEquals(10, task.get("batch_size").asInt());
        assertEquals("upsert", task.get("mode").asString());
        assertEquals(new SourceLocation("m.yaml", 6, 3), result.tree().keyAt("/task/mode"), "the explicit key's place");
        assertEquals(2, result.tree().valueAt("/task/batch_size").line(), "a merged value points at the anchor");
    }

    @Test
    void aDuplicateKeyIsReportedAtItsSecondOccurrence() {
        PlanReader.Result result = reader.readText("a: 1\nb: 2\na: 3\n", "d.yaml");
        assertEquals(1, result.problems().size());
        assertEquals(new SourceLocation("d.yaml", 3, 1), result.problems().get(0).location());
        assertTrue(result.problems().get(0).message().contains("first at line 1"));
    }

    @Test
    void datesTimesAndYaml11WordsStayText() {
        String text = "d: 2026-12-27\nt: 02:00\no: on\nn: no\nv: 2024_01_15_001\nb: true\ni: 12\nf: 1.5\nz: ~\n";
        JsonNode root = reader.readText(text, "t.yaml").tree().root();
        assertEquals("2026-12-27", root.get("d").asString());
        assertEquals("02:00", root.get("t").asString());
        assertEquals("on", root.get("o").asString());
        assertEquals("no", root.get("n").asString());
        assertEquals("2024_01_15_001", root.get("v").asString());
        assertTrue(root.get("b").booleanValue());
        assertEquals(12, root.get("i").asInt());
        assertEquals(1.5, root.get("f").asDouble());
        assertTrue(root.get("z").isNull());
    }

    @Test
    void fiftyAliasesPassAndTheFiftyFirstIsRefused() {
        StringBuilder ok = new StringBuilder("a: &a {k: 1}\nl:\n");
        for (int i = 0; i < 50; i++) {
            ok.append("  - *a\n");
        }
        assertTrue(reader.readText(ok.toString(), "a.yaml").problems().isEmpty());
        String tooMany = ok + "  - *a\n";
        PlanReader.Result result = reader.readText(tooMany, "a.yaml");
        assertNull(result.tree());
        assertTrue(result.problems().get(0).message().contains("at most 50 aliases"));
    }

    @Test
    void scalarAliasesCountToo() {
        StringBuilder text = new StringBuilder("a: &a x\nl:\n");
        for (int i = 0; i < 51; i++) {
            text.append("  - *a\n");
        }
        PlanReader.Result result = reader.readText(text.toString(), "s.yaml");
        assertTrue(result.problems().get(0).message().contains("aliases"), result.problems().toString());
    }

    @Test
    void unsafeTagsAreRefused() {
        PlanReader.Result result = reader.readText("a: !!python/object:os.system ls\n", "u.yaml");
        assertTrue(result.problems().get(0).message().contains("not allowed"), result.problems().toString());
        assertEquals(1, result.problems().get(0).location().line());
    }

    @Test
    void syntaxErrorsCarryTheirPosition() {
        PlanReader.Result result = reader.readText("a: [1, 2\nb: 3\n", "s.yaml");
        assertNull(result.tree());
        assertTrue(result.problems().get(0).message().startsWith("YAML syntax"));
        assertTrue(result.problems().get(0).location().line() >= 2);
    }

    @Test
    void binaryIsNotText() {
        byte[] bytes = {(byte) 0xff, (byte) 0xfe, 0x00, 0x41};
        PlanReader.Result result = reader.read(bytes, "b.yaml");
        assertTrue(result.problems().get(0).message().contains("not UTF-8"));
        PlanReader.Result nul = reader.read("a: 1\nb: \0\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), "n.yaml");
        assertEquals(2, nul.problems().get(0).location().line());
    }

    @Test
    void anEmptyFileSaysWhatAPlanNeeds() {
        PlanReader.Result result = reader.readText("# only a comment\n", "e.yaml");
        assertNotNull(result.problems().get(0));
        assertTrue(result.problems().get(0).message().contains("empty"));
    }
}
