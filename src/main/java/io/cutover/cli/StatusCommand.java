package io.cutover.cli;

import io.cutover.ErrorCode;
import io.cutover.engine.StatusReport;
import io.cutover.journal.RunRecord;
import io.cutover.journal.StateStore;
import io.cutover.load.PlanReader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cutover status [PLAN] [--run RUN_ID]}: runs and their tasks. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Shows runs and their tasks: state, times, rows, the trigger that fired.")
final class StatusCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PLAN", description = "A plan file or a plan's name.")
    String plan;

    @Option(names = "--run", paramLabel = "RUN_ID", description = "One run.")
    String run;

    @Override
    public Integer call() {
        common.allowFormats(spec.commandLine(), "text", "json");
        PrintWriter out = spec.commandLine().getOut();
        try (StateStore store = StateStore.open(common.state, Clock.systemUTC())) {
            List<RunRecord> runs;
            if (run != null) {
                runs = store.run(run).stream().toList();
                if (runs.isEmpty()) {
                    spec.commandLine().getErr().println("cutover: no run " + run + " in the state store " + store.url());
                    return ErrorCode.BAD_INPUT.exitCode();
                }
            } else if (plan != null) {
                runs = store.runs(planName(plan));
            } else {
                runs = store.allRuns();
            }
            StatusReport report = new StatusReport(store);
            out.print(common.json() ? report.json(runs).toPrettyString() + "\n" : report.text(runs));
        }
        out.flush();
        return ErrorCode.OK.exitCode();
    }

    /** A plan file's {@code name}, or the argument itself when it is a name. */
    static String planName(String planOrName) {
        Path file = Path.of(planOrName);
        if (Files.isRegularFile(file)) {
            PlanReader.Result read = new PlanReader().read(file, planOrName);
            if (read.tree() != null && read.tree().root().path("name").isString()) {
                return read.tree().root().path("name").asString();
            }
        }
        return planOrName;
    }
}
