package io.cutover.cli;

import io.cutover.Cutover;
import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code cutover} command line. Exit codes follow cli.md: 0 done, 1 failed (rolled back or
 * stopped), 2 bad input, 3 refused, 4 rollback failed.
 */
@Command(name = "cutover", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Runs database and system migrations from declarative YAML plans.",
        subcommands = {ValidateCommand.class, PlanCommand.class, RunCommand.class, RollbackCommand.class, StatusCommand.class,
                ApproveCommand.class, SchemaCommand.class, HandlersCommand.class,
                ReviewCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = run(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs the command line with the given streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        // cutover's answers never depend on the machine's zone: every time it shows names its zone, and
        // JDBC drivers (MariaDB's, for DATETIME) convert through the JVM's default zone, which would move
        // times that fall into a DST gap there. So the process works in UTC.
        java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("UTC"));
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("cutover: " + e.getMessage());
            err.println("Try 'cutover " + (e.getCommandLine().getCommandName().equals("cutover") ? ""
                    : e.getCommandLine().getCommandName() + " ") + "--help'.");
            return ErrorCode.BAD_INPUT.exitCode();
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            boolean debug = parseResult.expandedArgs().contains("--debug");
            if (e instanceof CutoverException ce) {
                err.println(ce.getMessage());
                if (debug) {
                    e.printStackTrace(err);
                }
                return ce.code().exitCode();
            }
            err.println("cutover: internal error: " + e + (debug ? "" : " (run with --debug for the stack trace)"));
            if (debug) {
                e.printStackTrace(err);
            }
            return ErrorCode.FAILED.exitCode();
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"cutover " + Cutover.version(), "Java " + System.getProperty("java.version")};
        }
    }
}
