package io.cutover.cli;

import io.cutover.ErrorCode;
import io.cutover.journal.RunRecord;
import io.cutover.journal.StateStore;
import io.cutover.journal.TaskRecord;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code cutover approve RUN_ID TASK_ID}: passes a waiting approval task. */
@Command(name = "approve", mixinStandardHelpOptions = true, description = "Passes a waiting approval task of a run.")
final class ApproveCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run.")
    String runId;

    @Parameters(index = "1", paramLabel = "TASK_ID", description = "The approval task.")
    String taskId;

    @Override
    public Integer call() {
        common.allowFormats(spec.commandLine(), "text", "json");
        try (StateStore store = StateStore.open(common.state, Clock.systemUTC())) {
            Optional<RunRecord> run = store.run(runId);
            if (run.isEmpty()) {
                spec.commandLine().getErr().println("cutover: no run " + runId + " in the state store " + store.url());
                return ErrorCode.BAD_INPUT.exitCode();
            }
            boolean known = store.tasks(runId).stream().map(TaskRecord::taskId).anyMatch(taskId::equals);
            if (!known) {
                spec.commandLine().getErr().println("cutover: run " + runId + " has no task " + taskId + " (yet)");
                return ErrorCode.BAD_INPUT.exitCode();
            }
            String who = System.getProperty("user.name", "someone");
            boolean fresh = store.approve(runId, taskId, "", who);
            store.event(runId, "approved", taskId, "", "by " + who);
            spec.commandLine().getOut().println((fresh ? "approved " : "already approved: ") + taskId + " of run " + runId
                    + " (plan " + run.get().plan() + ")");
        }
        spec.commandLine().getOut().flush();
        return ErrorCode.OK.exitCode();
    }
}
