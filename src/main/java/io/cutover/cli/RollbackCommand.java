package io.cutover.cli;

import io.cutover.Cutover;
import io.cutover.ErrorCode;
import io.cutover.engine.Reporter;
import io.cutover.engine.RunOptions;
import io.cutover.engine.RunOutcome;
import io.cutover.engine.Runner;
import io.cutover.load.LoadedPlan;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cutover rollback PLAN [--run RUN_ID]}: undoes what is applied, newest first. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = "Undoes every applied task of the plan, newest first; with --run, only what that run applied.")
final class RollbackCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    PlanArgs plan;

    @Option(names = "--run", paramLabel = "RUN_ID", description = "Only the tasks this run applied.")
    String run;

    @Override
    public Integer call() throws InterruptedException {
        common.allowFormats(spec.commandLine(), "text", "json");
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Cutover cutover = new Cutover();
        Optional<LoadedPlan> found = plan.load(cutover, err, false);
        if (found.isEmpty()) {
            return ErrorCode.BAD_INPUT.exitCode();
        }
        LoadedPlan loaded = found.get();
        LogFiles.start("json".equalsIgnoreCase(common.logFormat));
        Reporter reporter = new Reporter(common.json() ? err : out, loaded.secrets());
        RunOutcome outcome = new Runner(loaded, common.state, cutover.handlers(), reporter)
                .rollback(Optional.ofNullable(run), RunOptions.defaults());
        String said = loaded.secrets().mask(outcome.message());
        (outcome.code() == ErrorCode.OK ? out : err).println(said);
        LogFiles.outcome(said, outcome.code() == ErrorCode.OK);
        out.flush();
        err.flush();
        return outcome.code().exitCode();
    }
}
