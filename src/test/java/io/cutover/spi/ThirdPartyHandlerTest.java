package io.cutover.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.CutoverException;
import io.cutover.load.HandlerRegistry;
import io.cutover.load.LoadOptions;
import io.cutover.load.PlanLoader;
import io.cutover.load.PlanSchema;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/** A jar on the class path that lists a handler in META-INF/services adds a task type, with its own schema. */
class ThirdPartyHandlerTest {
    private static final String PLAN = """
            cutover: 1
            name: notify
            phases:
              - id: p
                tasks:
                  - id: tell
                    type: slack
                    channel: %s
                    txet: hello
            """;

    private static ClassLoader pluginLoader(String folder) {
        URL url = ThirdPartyHandlerTest.class.getResource("/" + folder + "/");
        return new URLClassLoader(new URL[] {url}, ThirdPartyHandlerTest.class.getClassLoader()) {
            @Override
            public java.util.Enumeration<URL> getResources(String name) throws java.io.IOException {
                return findResources(name); // only the plugin's own services file, besides the built-ins below
            }
        };
    }

    @Test
    void aPluginAddsATypeBesideTheBuiltIns() {
        HandlerRegistry builtIns = HandlerRegistry.defaults();
        assertFalse(builtIns.types().contains("slack"), "the plugin is not on the main class path");
        HandlerRegistry withPlugin = HandlerRegistry.load(pluginLoader("spi-plugin"));
        assertEquals(java.util.Set.of("slack"), withPlugin.types());
        assertTrue(PlanSchema.build(withPlugin).at("/$defs/task_slack/properties/channel/description").isString());
    }

    @Test
    void thePluginsSchemaAndCheckRunWithPositions() {
        PlanLoader loader = new PlanLoader(HandlerRegistry.load(pluginLoader("spi-plugin")));
        PlanLoader.Outcome outcome = loader.checkText(PLAN.formatted("general"), "n.yaml", LoadOptions.forValidate());
        assertFalse(outcome.isValid());
        assertEquals(2, outcome.problems().size(), outcome.problems().toString());
        assertEquals(8, outcome.problems().get(0).location().line());
        assertTrue(outcome.problems().get(0).message().contains("starts with '#'"));
        assertTrue(outcome.problems().get(1).message().contains("unknown key 'txet' (did you mean 'text'?)"));
    }

    @Test
    void twoHandlersForOneTypeAreAnErrorNamingBoth() {
        CutoverException e = assertThrows(CutoverException.class, () -> HandlerRegistry.load(pluginLoader("spi-duplicate")));
        assertTrue(e.getMessage().contains("io.cutover.spi.ExternalSlackHandler"), e.getMessage());
        assertTrue(e.getMessage().contains("ExternalSlackHandler$Twin"), e.getMessage());
    }
}
