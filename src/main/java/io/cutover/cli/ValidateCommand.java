package io.cutover.cli;

import io.cutover.Cutover;
import io.cutover.ErrorCode;
import io.cutover.load.PlanLoader;
import io.cutover.spi.Problem;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code cutover validate PLAN...}: schema and semantic checks; touches no database. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Checks plans against the schema and the semantic rules; touches no database.")
final class ValidateCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PLAN", description = "Plan files.")
    List<Path> plans;

    @Override
    public Integer call() {
        common.allowFormats(spec.commandLine(), "text", "json");
        Cutover cutover = new Cutover();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean valid = true;
        List<Problem> all = new ArrayList<>();
        for (Path plan : plans) {
            PlanLoader.Outcome checked = cutover.validate(plan);
            // Lint findings show here too, always as warnings: review --fail-on is the gate, not validate.
            PlanLoader.Outcome outcome = checked.isValid() ? withLint(checked) : checked;
            valid &= outcome.isValid();
            all.addAll(outcome.problems());
            if (!common.json()) {
                outcome.problems().forEach(p -> err.println(p.format()));
                long errors = outcome.problems().stream().filter(Problem::isError).count();
                long warnings = outcome.problems().size() - errors;
                out.println(plan + ": " + (outcome.isValid() ? "valid" : "invalid") + summary(outcome, errors, warnings));
            }
        }
        if (common.json()) {
            out.println(json(valid, all));
        }
        out.flush();
        err.flush();
        return valid ? ErrorCode.OK.exitCode() : ErrorCode.BAD_INPUT.exitCode();
    }

    private static PlanLoader.Outcome withLint(PlanLoader.Outcome outcome) {
        List<Problem> problems = new ArrayList<>(outcome.problems());
        problems.addAll(io.cutover.review.Lint.warnings(outcome.loaded()));
        java.util.Collections.sort(problems);
        return new PlanLoader.Outcome(outcome.loaded(), problems);
    }

    private static String summary(PlanLoader.Outcome outcome, long errors, long warnings) {
        List<String> parts = new ArrayList<>();
        if (outcome.isValid()) {
            var plan = outcome.loaded().plan();
            parts.add(plan.phases().size() + " phase" + (plan.phases().size() == 1 ? "" : "s"));
            parts.add(plan.tasks().size() + " task" + (plan.tasks().size() == 1 ? "" : "s"));
        } else {
            parts.add(errors + " error" + (errors == 1 ? "" : "s"));
        }
        if (warnings > 0) {
            parts.add(warnings + " warning" + (warnings == 1 ? "" : "s"));
        }
        return " (" + String.join(", ", parts) + ")";
    }

    static String json(boolean valid, List<Problem> problems) {
        ObjectNode root = JsonMapper.shared().createObjectNode();
        root.put("valid", valid);
        ArrayNode errors = root.putArray("errors");
        ArrayNode warnings = root.putArray("warnings");
        for (Problem p : problems) {
            ObjectNode o = (p.isError() ? errors : warnings).addObject();
            o.put("file", p.location().file());
            o.put("line", p.location().line());
            o.put("column", p.location().column());
            o.put("path", p.path());
            o.put("message", p.message());
        }
        return root.toPrettyString();
    }
}
