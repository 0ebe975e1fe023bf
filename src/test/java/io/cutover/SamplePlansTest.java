package io.cutover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.cutover.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sample plans under {@code plans/} and {@code examples/} stay valid: each one validates with no
 * error, starts with the yaml-language-server header that points at the committed schema, and has a
 * dry run. Paths are relative to the project root, the working directory of {@code mvn test}.
 */
class SamplePlansTest {
    private static final String HEADER = "# yaml-language-server: $schema=";
    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path SCHEMA = ROOT.resolve("schemas/plan.schema.json");

    static Stream<Path> samplePlans() throws IOException {
        List<Path> plans = new ArrayList<>();
        for (String folder : List.of("plans", "examples")) {
            Path dir = ROOT.resolve(folder);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.filter(Files::isRegularFile)
                        .filter(p -> p.getFileName().toString().endsWith(".yaml") || p.getFileName().toString().endsWith(".yml"))
                        .map(ROOT::relativize)
                        .filter(p -> !p.startsWith(Path.of("examples", "ci"))) // CI workflows, not plans
                        .sorted()
                        .forEach(plans::add);
            }
        }
        return plans.stream();
    }

    @Test
    void theSamplesAreThere() throws IOException {
        List<Path> plans = samplePlans().toList();
        long inPlans = plans.stream().filter(p -> p.startsWith("plans")).count();
        assertTrue(inPlans >= 3, "expected at least three plans in plans/, found " + plans);
        for (String expected : List.of("plans/user-preferences.yaml", "plans/orders-to-service.yaml",
                "plans/rolling-upgrade.yaml", "examples/quickstart/plan.yaml")) {
            assertTrue(plans.contains(Path.of(expected)), expected + " is missing; found " + plans);
        }
        assertTrue(Files.isRegularFile(ROOT.resolve("examples/quickstart/README.md")), "examples/quickstart/README.md is missing");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samplePlans")
    void startsWithTheSchemaHeader(Path plan) throws IOException {
        List<String> lines = Files.readAllLines(plan, StandardCharsets.UTF_8);
        assertFalse(lines.isEmpty(), plan + " is empty");
        String first = lines.get(0);
        assertTrue(first.startsWith(HEADER), plan + ": the first line must be '" + HEADER + "<path to schemas/plan.schema.json>', not: " + first);
        String target = first.substring(HEADER.length()).strip();
        assertFalse(target.isEmpty(), plan + ": the header names no schema");
        Path schema = plan.toAbsolutePath().getParent().resolve(target).normalize();
        assertTrue(Files.isRegularFile(schema), plan + ": the header's schema " + target + " resolves to " + schema + ", which does not exist");
        assertTrue(Files.isSameFile(schema, SCHEMA), plan + ": the header's schema " + target + " is not " + SCHEMA);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samplePlans")
    void validatesWithNoError(Path plan) {
        Result result = cutover("validate", "--format", "json", plan.toString());
        JsonNode report;
        try {
            report = JsonMapper.shared().readTree(result.out);
        } catch (RuntimeException e) {
            throw new AssertionError(plan + ": validate --format json printed no JSON:\n" + result, e);
        }
        assertEquals(0, report.path("errors").size(), plan + ": validate found errors:\n" + report.path("errors").toPrettyString());
        assertTrue(report.path("valid").asBoolean(false), plan + ": not valid:\n" + result);
        assertEquals(0, result.code, plan + ": validate exit code\n" + result);
        for (JsonNode warning : report.path("warnings")) {
            if (warning.path("message").asString("").contains("has no default")) {
                fail(plan + ": give every ${env.X} and ${secret.X} a default so that CI validates it cleanly: "
                        + warning.toPrettyString());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samplePlans")
    void validatesInTextFormat(Path plan) {
        Result result = cutover("validate", plan.toString());
        assertEquals(0, result.code, plan + ": validate exit code\n" + result);
        assertTrue(result.out.contains(plan + ": valid"), plan + ": validate did not say valid\n" + result);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samplePlans")
    void hasADryRun(Path plan) {
        Result result = cutover("plan", plan.toString());
        assertEquals(0, result.code, plan + ": plan exit code\n" + result);
        assertFalse(result.out.isBlank(), plan + ": plan printed nothing\n" + result);
        assertFalse(result.err.contains("internal error") || result.err.contains("Exception"),
                plan + ": the dry run failed inside\n" + result);
    }

    private static Result cutover(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code;
        try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
            code = Main.run(args, o, e);
        }
        return new Result(code, out.toString(), err.toString());
    }

    private record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }
}
