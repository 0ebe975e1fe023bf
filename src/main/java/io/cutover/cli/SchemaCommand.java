package io.cutover.cli;

import io.cutover.Cutover;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code cutover schema}: prints the plan JSON Schema for the handlers on the class path. */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = "Prints the plan JSON Schema (for editors: # yaml-language-server: $schema=...).")
final class SchemaCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        common.allowFormats(spec.commandLine(), "text", "json");
        spec.commandLine().getOut().println(new Cutover().schema().toPrettyString());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
