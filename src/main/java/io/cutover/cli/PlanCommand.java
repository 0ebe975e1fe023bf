package io.cutover.cli;

import io.cutover.Cutover;
import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.PlanInvalidException;
import io.cutover.load.LoadedPlan;
import io.cutover.plan.Window;
import io.cutover.spi.Problem;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cutover plan PLAN [--at TIME]}: the dry run. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Shows what a run would do, in order, with rendered SQL and commands, the rollback path and the window; runs nothing.")
final class PlanCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    PlanArgs plan;

    @Option(names = "--at", paramLabel = "TIME",
            description = "See the window from this time: 2031-06-14T10:00 in the plan's zone, or with an offset or Z.")
    String at;


    /** The clock; tests set it. */
    static Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        common.allowFormats(spec.commandLine(), "text", "json");
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Cutover cutover = new Cutover();
        LoadedPlan loaded;
        try {
            loaded = cutover.load(plan.plan, plan.params);
        } catch (PlanInvalidException e) {
            if (common.json()) {
                out.println(ValidateCommand.json(false, e.problems()));
            } else {
                e.problems().forEach(p -> err.println(p.format()));
            }
            return ErrorCode.BAD_INPUT.exitCode();
        }
        if (!common.json()) {
            loaded.warnings().stream().map(Problem::format).forEach(err::println);
        }
        Instant when = at == null ? clock.instant() : parseAt(at, loaded.plan().window().map(Window::timezone).orElse(ZoneId.of("UTC")));
        if (common.json()) {
            out.println(cutover.dryRun(loaded).toJson(when).toPrettyString());
        } else {
            out.print(cutover.dryRun(loaded).toText(when));
        }
        out.flush();
        return ErrorCode.OK.exitCode();
    }

    private Instant parseAt(String text, ZoneId zone) {
        try {
            if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return OffsetDateTime.parse(text).toInstant();
            }
            return ZonedDateTime.of(LocalDateTime.parse(text), zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new CutoverException(ErrorCode.BAD_INPUT, "--at " + text
                    + ": not a time; write 2031-06-14T10:00 (in the plan's zone), 2031-06-14T10:00+02:00 or 2031-06-14T08:00Z");
        }
    }
}
