package io.cutover.cli;

import picocli.CommandLine.Option;

/**
 * Options every command takes (cli.md): {@code --format}, {@code --state}, {@code --debug}.
 */
final class CommonOptions {
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: text or json (review also markdown and sarif). Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--state", paramLabel = "URL", defaultValue = "${env:CUTOVER_STATE_URL}",
            description = "JDBC URL of the state store (default: $CUTOVER_STATE_URL, else an embedded H2 database in ./.cutover/).")
    String state;

    @Option(names = "--debug", description = "Print stack traces of errors.")
    boolean debug;

    @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "text",
            description = "The run log in ./.cutover/logs/: text (cutover.log) or json (JSON lines, cutover.jsonl).")
    String logFormat;

    boolean json() {
        return "json".equalsIgnoreCase(format);
    }

    /** Refuses a format this command does not print. */
    void allowFormats(picocli.CommandLine commandLine, String... allowed) {
        for (String a : allowed) {
            if (a.equalsIgnoreCase(format)) {
                return;
            }
        }
        throw new picocli.CommandLine.ParameterException(commandLine, "--format " + format + " is not known here: use "
                + String.join(" or ", allowed));
    }
}
