package io.cutover.cli;

import io.cutover.Cutover;
import io.cutover.PlanInvalidException;
import io.cutover.load.LoadedPlan;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The plan a command works on, with its {@code --param} overrides; loading it prints every problem
 * of an invalid plan, as {@code validate} does, and the warnings of a valid one.
 */
final class PlanArgs {
    @Parameters(index = "0", paramLabel = "PLAN", description = "The plan file.")
    Path plan;

    @Option(names = "--param", paramLabel = "NAME=VALUE", description = "Overrides a param of the plan.")
    Map<String, String> params = new LinkedHashMap<>();

    /** The plan with every reference resolved, or empty (problems printed: exit 2). */
    Optional<LoadedPlan> load(Cutover cutover, PrintWriter err, boolean showWarnings) {
        try {
            LoadedPlan loaded = cutover.load(plan, params);
            if (showWarnings) {
                loaded.warnings().forEach(p -> err.println(p.format()));
            }
            return Optional.of(loaded);
        } catch (PlanInvalidException e) {
            e.problems().forEach(p -> err.println(p.format()));
            err.flush();
            return Optional.empty();
        }
    }
}
