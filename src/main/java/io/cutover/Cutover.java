package io.cutover;

import io.cutover.engine.DryRun;
import io.cutover.load.HandlerRegistry;
import io.cutover.load.LoadOptions;
import io.cutover.load.LoadedPlan;
import io.cutover.load.PlanLoader;
import io.cutover.load.PlanSchema;
import java.nio.file.Path;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * The facade over cutover's verbs: one object per process, one method per verb.
 *
 * <pre>{@code
 * Cutover cutover = new Cutover();
 * PlanLoader.Outcome outcome = cutover.validate(Path.of("plans/orders.yaml"));
 * outcome.problems().forEach(p -> System.err.println(p.format()));
 * LoadedPlan plan = cutover.load(Path.of("plans/orders.yaml"), Map.of("batch_size", "500"));
 * System.out.println(cutover.dryRun(plan).toText(Instant.now()));
 * }</pre>
 */
public final class Cutover {
    private final HandlerRegistry handlers;
    private final PlanLoader loader;

    /** Cutover with the handlers on the class path. */
    public Cutover() {
        this.handlers = HandlerRegistry.defaults();
        this.loader = defaultLoader(handlers);
    }

    public Cutover(HandlerRegistry handlers) {
        this.handlers = handlers;
        this.loader = new PlanLoader(handlers);
    }

    private static PlanLoader defaultLoader;

    /** The loader of the class path's handlers (its schema takes a while to build), built once per process. */
    private static synchronized PlanLoader defaultLoader(HandlerRegistry handlers) {
        if (defaultLoader == null) {
            defaultLoader = new PlanLoader(handlers);
        }
        return defaultLoader;
    }

    /**
     * Builds what {@code new Cutover()} needs (the handlers, the plan schema, the JSON and YAML libraries), so that a
     * command line can start it on another thread while it parses its arguments. A failure here is thrown again, in
     * its own words, by the {@code new Cutover()} that needs the result.
     */
    public static void prepare() {
        defaultLoader(HandlerRegistry.defaults()).prepare();
    }

    /** Schema and semantic checks; unresolved references are warnings. Touches no database. */
    public PlanLoader.Outcome validate(Path file) {
        return loader.check(file, file.toString(), LoadOptions.forValidate());
    }

    /** Loads a plan for {@code plan} or {@code run}: every reference must resolve. */
    public LoadedPlan load(Path file, Map<String, String> params) {
        return loader.load(file, file.toString(), LoadOptions.forRun(params));
    }

    /** The dry run of a loaded plan. */
    public DryRun dryRun(LoadedPlan plan) {
        return new DryRun(plan);
    }

    /** The plan JSON Schema for the handlers on the class path. */
    public ObjectNode schema() {
        return PlanSchema.build(handlers);
    }

    /** The task types on the class path. */
    public HandlerRegistry handlers() {
        return handlers;
    }

    /** cutover's version, from the jar's manifest ("dev" when run from classes). */
    public static String version() {
        String v = Cutover.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
