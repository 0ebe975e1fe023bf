package io.cutover.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The SARIF of every golden plan validates against the SARIF 2.1.0 JSON Schema (a reconstruction
 * shipped in {@code src/test/resources/review/sarif/}, see its {@code $comment}), and carries what
 * code scanning needs: one rule per lint check, each result at a file, line and column.
 */
class SarifSchemaTest {
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final Schema SCHEMA = load();

    private static Schema load() {
        try (InputStream in = SarifSchemaTest.class.getResourceAsStream("/review/sarif/sarif-schema-2.1.0.json")) {
            JsonNode node = JSON.readTree(in);
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Error> errors(JsonNode sarif) {
        return SCHEMA.validate(sarif);
    }

    @TestFactory
    Stream<DynamicTest> everyReviewedPlanGivesValidSarif() {
        return ReviewFixtures.cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            JsonNode sarif = JSON.readTree(c.review().sarif());
            assertEquals(List.of(), errors(sarif), () -> c.plan() + ": the SARIF does not validate:\n" + sarif.toPrettyString());
            checkContents(sarif, c);
        }));
    }

    private static void checkContents(JsonNode sarif, ReviewFixtures.Case c) {
        assertEquals("2.1.0", sarif.path("version").asString());
        JsonNode run = sarif.path("runs").path(0);
        JsonNode rules = run.path("tool").path("driver").path("rules");
        assertEquals(Rules.ALL.size(), rules.size(), "one rule per lint check");
        Set<String> ids = new HashSet<>();
        for (JsonNode rule : rules) {
            ids.add(rule.path("id").asString());
            assertFalse(rule.path("shortDescription").path("text").asString("").isEmpty());
            assertFalse(rule.path("fullDescription").path("text").asString("").isEmpty());
            assertFalse(rule.path("help").path("text").asString("").isEmpty());
            assertTrue(Set.of("warning", "error").contains(rule.path("defaultConfiguration").path("level").asString()));
        }
        assertEquals(Rules.ALL.size(), ids.size(), "rule ids are unique");
        for (JsonNode result : run.path("results")) {
            JsonNode rule = rules.path(result.path("ruleIndex").asInt());
            assertEquals(rule.path("id").asString(), result.path("ruleId").asString(), "ruleIndex points at the rule");
            JsonNode physical = result.path("locations").path(0).path("physicalLocation");
            assertEquals(c.plan().toString().replace('\\', '/'), physical.path("artifactLocation").path("uri").asString());
            assertTrue(physical.path("region").path("startLine").asInt() >= 1);
            assertTrue(physical.path("region").path("startColumn").asInt() >= 1);
        }
    }

    @Test
    void theEveryRuleFixtureReportsEveryRule() {
        JsonNode sarif = JSON.readTree(ReviewFixtures.cases().stream().filter(c -> c.name().equals("every-rule")).findFirst()
                .orElseThrow().review().sarif());
        Set<String> fired = new HashSet<>();
        sarif.path("runs").path(0).path("results").forEach(r -> fired.add(r.path("ruleId").asString()));
        assertEquals(Set.copyOf(Rules.ALL.stream().map(Rule::id).toList()), fired);
        JsonNode destructive = sarif.path("runs").path(0).path("results").path(1);
        assertEquals("destructive-statement", destructive.path("ruleId").asString());
        assertEquals("error", destructive.path("level").asString());
        assertEquals(23, destructive.path("locations").path(0).path("physicalLocation").path("region").path("startLine").asInt());
        assertEquals(11, destructive.path("locations").path(0).path("physicalLocation").path("region").path("startColumn").asInt());
    }

    @Test
    void theSchemaRefusesWhatCodeScanningWouldRefuse() {
        ObjectNode good = (ObjectNode) JSON.readTree(ReviewFixtures.cases().get(0).review().sarif());
        assertEquals(List.of(), errors(good));
        ObjectNode noVersion = good.deepCopy();
        noVersion.remove("version");
        assertFalse(errors(noVersion).isEmpty(), "version is required");
        ObjectNode oldVersion = good.deepCopy();
        oldVersion.put("version", "2.0.0");
        assertFalse(errors(oldVersion).isEmpty(), "only 2.1.0");
        ObjectNode badLevel = good.deepCopy();
        ((ObjectNode) badLevel.path("runs").path(0).path("tool").path("driver").path("rules").path(0)
                .path("defaultConfiguration")).put("level", "fatal");
        assertFalse(errors(badLevel).isEmpty(), "level is an enum");
        ObjectNode unknownKey = good.deepCopy();
        ((ObjectNode) unknownKey.path("runs").path(0)).put("resultz", 1);
        assertFalse(errors(unknownKey).isEmpty(), "no unknown properties");
        ObjectNode lineZero = (ObjectNode) JSON.readTree(ReviewFixtures.cases().stream().filter(c -> c.name().equals("every-rule"))
                .findFirst().orElseThrow().review().sarif());
        ((ObjectNode) lineZero.path("runs").path(0).path("results").path(0).path("locations").path(0).path("physicalLocation")
                .path("region")).put("startLine", 0);
        assertFalse(errors(lineZero).isEmpty(), "lines start at 1");
    }
}
