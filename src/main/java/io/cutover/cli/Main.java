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
        description = "Runs database and system migrations from declarative YAML plans.")
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = run(args, out, err);
        out.flush();
        err.flush();
        if (Boolean.getBoolean("cutover.cds.training")) {
            loadDatabaseClasses();
        }
        System.exit(code);
    }

    /** Runs the command line with the given streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        // cutover's answers never depend on the machine's zone: every time it shows names its zone, and
        // JDBC drivers (MariaDB's, for DATETIME) convert through the JVM's default zone, which would move
        // times that fall into a DST gap there. So the process works in UTC.
        java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("UTC"));
        headStart(args);
        CommandLine cli = new CommandLine(new Main());
        // picocli reads each command's annotations as it is added: a command line names its command first, so only
        // that one is added (help, a version, a mistake: all of them, in this order).
        boolean one = args.length > 0 && COMMANDS.containsKey(args[0]);
        COMMANDS.forEach((name, command) -> {
            if (!one || name.equals(args[0])) {
                cli.addSubcommand(name, command.get());
            }
        });
        if (!one) {
            cli.addSubcommand("help", new CommandLine.HelpCommand());
        }
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
        try {
            return cli.execute(args);
        } finally {
            LogFiles.finish();
        }
    }

    /**
     * For the launcher's class-data archive, made by a run of a small H2 plan: the classes a run on PostgreSQL or MariaDB
     * adds (their drivers' protocol classes), loaded without running them, so that the archive holds them too.
     */
    private static void loadDatabaseClasses() {
        try (java.io.InputStream in = Main.class.getResourceAsStream("cds-classes.txt")) {
            if (in == null) {
                return;
            }
            for (String name : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!name.isBlank() && !name.startsWith("#")) {
                    try {
                        Class.forName(name.trim(), false, Main.class.getClassLoader());
                    } catch (ClassNotFoundException | LinkageError e) {
                        // a class this version of a driver no longer has
                    }
                }
            }
        } catch (java.io.IOException e) {
            // the archive is only smaller
        }
    }

    /** The commands, in the order help lists them. */
    private static final java.util.Map<String, java.util.function.Supplier<Object>> COMMANDS = commands();

    private static java.util.Map<String, java.util.function.Supplier<Object>> commands() {
        java.util.Map<String, java.util.function.Supplier<Object>> commands = new java.util.LinkedHashMap<>();
        commands.put("validate", ValidateCommand::new);
        commands.put("plan", PlanCommand::new);
        commands.put("run", RunCommand::new);
        commands.put("rollback", RollbackCommand::new);
        commands.put("status", StatusCommand::new);
        commands.put("approve", ApproveCommand::new);
        commands.put("schema", SchemaCommand::new);
        commands.put("handlers", HandlersCommand::new);
        commands.put("review", ReviewCommand::new);
        return java.util.Collections.unmodifiableMap(commands);
    }

    /** The commands that load a plan. */
    private static final java.util.Set<String> LOADS_PLAN = java.util.Set.of("validate", "plan", "run", "rollback", "status",
            "approve", "review");

    /**
     * Start-up work a command will need, begun on another thread while this one parses the arguments and reads the plan:
     * the handlers, the plan schema and their libraries. Only a head start: the command waits for it, or does it, and
     * reports its errors. (Opening the H2 engine ahead on a scratch store as well was measured: no faster on two cores,
     * where start-up is short of processor time, not of threads.)
     */
    private static void headStart(String[] args) {
        if (args.length == 0 || !LOADS_PLAN.contains(args[0])
                || java.util.Arrays.stream(args).anyMatch(a -> a.equals("-h") || a.equals("--help") || a.equals("-V")
                        || a.equals("--version"))) {
            return;
        }
        daemon("cutover-start-plan", Cutover::prepare);
    }

    private static void daemon(String name, Runnable work) {
        Thread t = new Thread(() -> {
            try {
                work.run();
            } catch (RuntimeException | LinkageError e) {
                // the command meets the same trouble and reports it
            }
        }, name);
        t.setDaemon(true);
        t.start();
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
