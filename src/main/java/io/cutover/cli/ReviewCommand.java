package io.cutover.cli;

import io.cutover.Cutover;
import io.cutover.ErrorCode;
import io.cutover.load.PlanLoader;
import io.cutover.review.Review;
import io.cutover.review.Severity;
import io.cutover.spi.Problem;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cutover review PLAN [--base OLD_PLAN] [--fail-on warning|error]}: the pull-request view.
 * Loads plans as {@code validate} does (unresolved references are fine) and touches no database.
 */
@Command(name = "review", mixinStandardHelpOptions = true,
        description = "The pull-request view of a plan: summary, timeline, rollback coverage, lint findings and what changed "
                + "against --base; as text, markdown, json or sarif. Touches no database.")
final class ReviewCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PLAN", description = "The plan file.")
    Path plan;

    @Option(names = "--base", paramLabel = "OLD_PLAN", description = "The plan as it was (e.g. on the target branch): show what changed.")
    Path base;

    @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "error",
            description = "Exit 1 when a lint finding is at this level or worse: warning or error. Default: ${DEFAULT-VALUE}.")
    String failOn;

    @Option(names = "--link-base", paramLabel = "URL", defaultValue = "",
            description = "Markdown: prefix of the links to plan lines, such as https://github.com/OWNER/REPO/blob/SHA/ "
                    + "(default: links relative to the working directory).")
    String linkBase;

    /** The clock for the window's next opening; tests set it. */
    static Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        common.allowFormats(spec.commandLine(), "text", "json", "markdown", "sarif");
        Severity threshold = Severity.parse(failOn).orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                "--fail-on " + failOn + " is not a level: use warning or error"));
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Cutover cutover = new Cutover();
        PlanLoader.Outcome outcome = cutover.validate(plan);
        Optional<PlanLoader.Outcome> baseOutcome = Optional.ofNullable(base).map(cutover::validate);
        List<Problem> errors = new ArrayList<>();
        if (!outcome.isValid()) {
            errors.addAll(outcome.problems());
        }
        baseOutcome.filter(o -> !o.isValid()).ifPresent(o -> errors.addAll(o.problems()));
        if (!errors.isEmpty()) {
            if (common.json()) {
                out.println(ValidateCommand.json(false, errors));
            } else {
                errors.forEach(p -> err.println(p.format()));
            }
            out.flush();
            err.flush();
            return ErrorCode.BAD_INPUT.exitCode();
        }
        Review review = Review.of(outcome.loaded(), baseOutcome.map(PlanLoader.Outcome::loaded), clock.instant());
        out.print(switch (common.format.toLowerCase(java.util.Locale.ROOT)) {
            case "markdown" -> review.markdown(linkBase);
            case "sarif" -> review.sarif();
            case "json" -> review.json();
            default -> review.text();
        });
        out.flush();
        return review.lint().hasAtLeast(threshold) ? ErrorCode.FAILED.exitCode() : ErrorCode.OK.exitCode();
    }
}
