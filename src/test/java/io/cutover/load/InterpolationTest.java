package io.cutover.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.spi.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InterpolationTest {
    private static final String PLAN = """
            cutover: 1
            name: refs
            params:
              batch_size: 500
              label: ${env.LABEL:-plain}
            datasources:
              app:
                url: ${env.APP_URL:-jdbc:h2:mem:refs}
                password: ${secret.APP_PW}
            phases:
              - id: p
                foreach: [a, b]
                tasks:
                  - id: t
                    type: shell
                    run: echo ${item} ${run.id} $${HOME} ${param.label} ${param.batch_size}
                    down: echo undo
                  - id: c
                    type: copy
                    source: {datasource: app, table: s}
                    target: {datasource: app, table: t}
                    batch_size: ${param.batch_size}
                    down: truncate
            """;

    private PlanLoader.Outcome load(Map<String, String> env, Interpolation.Mode mode, Map<String, String> params) {
        return new PlanLoader(HandlerRegistry.defaults()).checkText(PLAN, "refs.yaml", new LoadOptions(mode, params, env::get));
    }

    @Test
    void resolvesEnvParamsSecretsAndKeepsEngineReferences() {
        Map<String, String> env = Map.of("APP_PW", "s3cr3t!", "LABEL", "blue");
        PlanLoader.Outcome outcome = load(env, Interpolation.Mode.RUN, Map.of());
        assertTrue(outcome.isValid(), outcome.problems().toString());
        var plan = outcome.loaded().plan();
        assertEquals("jdbc:h2:mem:refs", plan.datasources().get("app").url());
        assertEquals("s3cr3t!", plan.datasources().get("app").password());
        var shell = plan.tasks().get(0);
        assertEquals("echo ${item} ${run.id} $${HOME} blue 500", shell.text("run").orElseThrow());
        assertEquals("echo a R1 ${HOME} blue 500", Interpolation.finish(shell.text("run").orElseThrow(), "a", "R1"));
        var copy = plan.tasks().get(1);
        assertTrue(copy.spec().get("batch_size").isIntegralNumber(), "a lone reference takes the type of its value");
        assertEquals(500, copy.spec().get("batch_size").asInt());
        assertEquals("password ***", outcome.loaded().secrets().mask("password s3cr3t!"));
        assertEquals("url ?pw=***", outcome.loaded().secrets().mask("url ?pw=s3cr3t%21"));
    }

    @Test
    void paramOverridesWinAndKeepTheirType() {
        PlanLoader.Outcome outcome = load(Map.of("APP_PW", "x"), Interpolation.Mode.RUN, Map.of("batch_size", "42"));
        assertTrue(outcome.isValid(), outcome.problems().toString());
        assertEquals(42, outcome.loaded().plan().tasks().get(1).spec().get("batch_size").asInt());
    }

    @Test
    void anUnsetSecretIsAWarningWhenValidatingAndAnErrorForARun() {
        PlanLoader.Outcome validate = load(Map.of(), Interpolation.Mode.VALIDATE, Map.of());
        assertTrue(validate.isValid());
        Problem warning = validate.problems().get(0);
        assertFalse(warning.isError());
        assertEquals(9, warning.location().line());
        assertTrue(warning.message().contains("APP_PW"), warning.message());

        PlanLoader.Outcome run = load(Map.of(), Interpolation.Mode.RUN, Map.of());
        assertFalse(run.isValid());
        assertTrue(run.problems().stream().anyMatch(p -> p.isError() && p.message().contains("APP_PW_FILE")));
    }

    @Test
    void aSecretComesFromAFileWithoutItsTrailingNewline(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pw");
        Files.writeString(file, "from-file\n");
        Map<String, String> env = new HashMap<>();
        env.put("APP_PW_FILE", file.toString());
        PlanLoader.Outcome outcome = load(env, Interpolation.Mode.RUN, Map.of());
        assertTrue(outcome.isValid(), outcome.problems().toString());
        assertEquals("from-file", outcome.loaded().plan().datasources().get("app").password());
    }

    @Test
    void scanFindsReferencesButNotEscapes() {
        var refs = Interpolation.scan("a ${env.X:-d} $${not} ${param.y}");
        assertEquals(2, refs.size());
        assertEquals("env", refs.get(0).kind());
        assertEquals("d", refs.get(0).fallback().orElseThrow());
        assertEquals("y", refs.get(1).name());
        assertThrows(IllegalArgumentException.class, () -> Interpolation.scan("a ${env.X"));
        assertThrows(IllegalArgumentException.class, () -> Interpolation.scan("${env.}"));
    }

    @Test
    void unknownKindsAndMisplacedItemsAreErrors() {
        String plan = """
                cutover: 1
                name: bad-refs
                phases:
                  - id: p
                    tasks:
                      - {id: a, type: shell, run: "echo ${envv.HOME}", changes: false}
                      - {id: b, type: shell, run: "echo ${item}", changes: false}
                """;
        PlanLoader.Outcome outcome = new PlanLoader(HandlerRegistry.defaults())
                .checkText(plan, "p.yaml", LoadOptions.forValidate());
        assertFalse(outcome.isValid());
        assertTrue(outcome.problems().get(0).message().contains("unknown reference kind 'envv'"));
        assertTrue(outcome.problems().get(0).message().contains("did you mean 'env'"));
        assertEquals(7, outcome.problems().get(1).location().line());
        assertTrue(outcome.problems().get(1).message().contains("foreach"));
    }
}
