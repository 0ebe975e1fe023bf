package io.cutover.cli;

import io.cutover.Cutover;
import io.cutover.ErrorCode;
import io.cutover.engine.Reporter;
import io.cutover.engine.RunOptions;
import io.cutover.engine.RunOutcome;
import io.cutover.engine.Runner;
import io.cutover.journal.StateStore;
import io.cutover.engine.StatusReport;
import io.cutover.load.LoadedPlan;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cutover run PLAN}: runs now, or resumes the plan's unfinished run. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs the plan now (honouring its window), or resumes its unfinished run.")
final class RunCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    PlanArgs plan;

    @Option(names = "--ack", paramLabel = "ID", description = "Acknowledges a manual checklist item or passes an approval task.")
    List<String> acks = List.of();

    @Option(names = "--ignore-window", description = "Runs now, whatever the window says.")
    boolean ignoreWindow;

    @Option(names = "--allow-drift", description = "Records changed definitions of applied tasks without running them again.")
    boolean allowDrift;

    @Option(names = "--resolve", paramLabel = "TASK=applied|not_applied",
            description = "Settles a task whose outcome is unknown after a crash, as you found it by hand.")
    Map<String, String> resolve = new LinkedHashMap<>();

    @Override
    public Integer call() throws InterruptedException {
        common.allowFormats(spec.commandLine(), "text", "json");
        for (Map.Entry<String, String> r : resolve.entrySet()) {
            if (!r.getValue().equals("applied") && !r.getValue().equals("not_applied")) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--resolve " + r.getKey() + "=" + r.getValue()
                        + ": say applied or not_applied");
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Cutover cutover = new Cutover();
        java.util.Optional<LoadedPlan> found = plan.load(cutover, err, true);
        if (found.isEmpty()) {
            return ErrorCode.BAD_INPUT.exitCode();
        }
        LoadedPlan loaded = found.get();
        LogFiles.start("json".equalsIgnoreCase(common.logFormat));
        Reporter reporter = new Reporter(common.json() ? err : out, loaded.secrets());
        Set<String> ackSet = new LinkedHashSet<>(acks);
        RunOptions options = new RunOptions(ignoreWindow, ackSet, allowDrift, resolve, Clock.systemUTC());
        RunOutcome outcome = new Runner(loaded, common.state, cutover.handlers(), reporter).run(options);
        // With --format json, standard output holds the one JSON object and nothing else.
        String said = loaded.secrets().mask(outcome.message());
        (outcome.code() == ErrorCode.OK && !common.json() ? out : err).println(said);
        LogFiles.outcome(said, outcome.code() == ErrorCode.OK);
        if (common.json()) {
            try (StateStore store = StateStore.open(common.state, Clock.systemUTC())) {
                List<io.cutover.journal.RunRecord> runs = outcome.runId() == null ? List.of()
                        : store.run(outcome.runId()).stream().toList();
                out.println(loaded.secrets().mask(new StatusReport(store).json(runs).toPrettyString()));
            }
        }
        out.flush();
        err.flush();
        return outcome.code().exitCode();
    }
}
