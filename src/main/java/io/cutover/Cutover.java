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
        this(HandlerRegistry.defaults());
    }

    public Cutover(HandlerRegistry handlers) {
        this.handlers = handlers;
        this.loader = new PlanLoader(handlers);
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
