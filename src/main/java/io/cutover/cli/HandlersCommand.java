package io.cutover.cli;

import io.cutover.Cutover;
import io.cutover.spi.TaskHandler;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code cutover handlers}: the task types on the class path. */
@Command(name = "handlers", mixinStandardHelpOptions = true, description = "Lists the task types on the class path.")
final class HandlersCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        common.allowFormats(spec.commandLine(), "text", "json");
        PrintWriter out = spec.commandLine().getOut();
        if (common.json()) {
            ObjectNode root = JsonMapper.shared().createObjectNode();
            ArrayNode list = root.putArray("handlers");
            for (TaskHandler h : new Cutover().handlers().all()) {
                ObjectNode o = list.addObject();
                o.put("type", h.type());
                o.put("summary", h.summary());
                o.put("class", h.getClass().getName());
            }
            out.println(root.toPrettyString());
        } else {
            for (TaskHandler h : new Cutover().handlers().all()) {
                out.printf("%-10s %s  (%s)%n", h.type(), h.summary(), h.getClass().getName());
            }
        }
        out.flush();
        return 0;
    }
}
