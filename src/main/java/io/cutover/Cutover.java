package io.cutover;

import io.cutover.engine.DryRun;
import io.cutover.load.HandlerRegistry;
import io.cutover.load.LoadOptions;
import io.cutover.load.LoadedPlan;
import io.cutover.load.PlanLoader;
import io.cutover.load.PlanReader;
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

    /**
     * Cutover with the handlers on the class path. They, and the plan schema, are found on first need: a plan file is
     * read first, while another thread may prepare them ({@link #prepare}).
     */
    public Cutover() {
        this.handlers = null;
        this.loader = null;
    }

    public Cutover(HandlerRegistry handlers) {
        this.handlers = handlers;
        this.loader = new PlanLoader(handlers);
    }

    private static PlanLoader defaultLoader;

    /** The loader of the class path's handlers, built once per process. */
    private static synchronized PlanLoader defaultLoader() {
        if (defaultLoader == null) {
            defaultLoader = new PlanLoader(HandlerRegistry.defaults());
        }
        return defaultLoader;
    }

    private PlanLoader loader() {
        return loader != null ? loader : defaultLoader();
    }

    /**
     * Builds what {@code new Cutover()} needs (the handlers, the plan schema, the JSON and YAML libraries), so that a
     * command line can start it on another thread while it parses its arguments. A failure here is thrown again, in
     * its own words, by the {@code new Cutover()} that needs the result.
     */
    public static void prepare() {
        defaultLoader().prepare();
    }

    /** Schema and semantic checks; unresolved references are warnings. Touches no database. */
    public PlanLoader.Outcome validate(Path file) {
        PlanReader.Result read = new PlanReader().read(file, file.toString());
        return loader().check(read, LoadOptions.forValidate());
    }

    /** Loads a plan for {@code plan} or {@code run}: every reference must resolve. */
    public LoadedPlan load(Path file, Map<String, String> params) {
        PlanReader.Result read = new PlanReader().read(file, file.toString());
        return loader().load(read, LoadOptions.forRun(params));
    }

    /** The dry run of a loaded plan. */
    public DryRun dryRun(LoadedPlan plan) {
        return new DryRun(plan);
    }

    /** The plan JSON Schema for the handlers on the class path. */
    public ObjectNode schema() {
        return PlanSchema.build(handlers());
    }

    /** The task types on the class path. */
    public HandlerRegistry handlers() {
        return handlers != null ? handlers : HandlerRegistry.defaults();
    }

    /** cutover's version, from the jar's manifest ("dev" when run from classes). */
    public static String version() {
        String v = Cutover.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
