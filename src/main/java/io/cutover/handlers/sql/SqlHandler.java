package io.cutover.handlers.sql;

import io.cutover.plan.Datasource;
import io.cutover.plan.SourceLocation;
import io.cutover.plan.Task;
import io.cutover.spi.HandlerSchema;
import io.cutover.spi.Problems;
import io.cutover.spi.QueryCheck;
import io.cutover.spi.TaskContext;
import io.cutover.spi.TaskHandler;
import io.cutover.spi.TaskOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The {@code sql} task type: {@code up} does the work, {@code down} undoes it, {@code verify}
 * proves it after {@code up} has committed. With {@code transaction: auto} a script runs in one
 * transaction, with its {@code cutover_history} row, unless a statement cannot run in one
 * (PostgreSQL's CONCURRENTLY and VACUUM; any DDL on MariaDB, which commits at once): then it runs
 * statement by statement, and a failure midway leaves the task half applied, so its down runs too.
 */
public final class SqlHandler implements TaskHandler {
    private static final JsonNode SCHEMA = HandlerSchema.load(SqlHandler.class, "sql.schema.json");

    @Override
    public String type() {
        return "sql";
    }

    @Override
    public String summary() {
        return "statements against one datasource: up, down, verify.";
    }

    @Override
    public JsonNode schema() {
        return SCHEMA;
    }

    @Override
    public boolean changesState(Task task) {
        return task.has("up");
    }

    @Override
    public void check(Task task, Problems problems) {
        if (!task.has("up") && !task.has("verify")) {
            problems.error(task, "/type", "a sql task needs 'up' (the work) or 'verify' (a check)");
        }
        if (!task.has("up") && task.has("down")) {
            problems.warning(task, "/down", "'down' without 'up' never runs: nothing is applied to undo");
        }
        Path dir = Optional.ofNullable(Path.of(task.location().file()).toAbsolutePath().getParent()).orElse(Path.of("."));
        for (String key : List.of("up", "down", "verify")) {
            JsonNode file = task.spec().path(key).path("file");
            if (file.isString() && !Files.isReadable(dir.resolve(file.asString()))) {
                problems.error(task, "/" + key + "/file", "cannot read the SQL file '" + file.asString() + "' (relative to "
                        + dir + ")");
            }
        }
    }

    /** One transaction with its history row: after a crash without that row, nothing of it happened. */
    @Override
    public boolean isAtomic(TaskContext context) {
        Optional<String> up = context.text("up");
        if (up.isEmpty()) {
            return true;
        }
        Datasource.Engine engine = context.plan().datasources().get(context.task().text("datasource").orElseThrow()).engine();
        try {
            return !context.task().spec().path("transaction").asString("auto").equals("false")
                    && StatementSplitter.canRunInTransaction(StatementSplitter.split(up.get(), engine));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public TaskOutcome execute(TaskContext context) throws SQLException {
        Task task = context.task();
        String datasource = task.text("datasource").orElseThrow();
        Optional<String> up = context.text("up");
        if (up.isPresent()) {
            Optional<TaskOutcome> failed = runScript(context, datasource, "up", up.get(), true);
            if (failed.isPresent()) {
                return failed.get();
            }
        }
        return verify(context, datasource);
    }

    @Override
    public TaskOutcome down(TaskContext context) throws SQLException {
        String datasource = context.task().text("datasource").orElseThrow();
        Optional<String> down = context.text("down");
        if (down.isEmpty()) {
            return TaskOutcome.failed("no down script");
        }
        return runScript(context, datasource, "down", down.get(), false).orElse(TaskOutcome.succeeded());
    }

    @Override
    public Optional<Boolean> settle(TaskContext context) throws SQLException {
        Optional<String> verify = context.text("verify");
        if (verify.isEmpty()) {
            return Optional.empty();
        }
        try (Connection c = context.connection(context.task().text("datasource").orElseThrow())) {
            return Optional.of(QueryCheck.run(c, verify.get()).passed());
        }
    }

    private TaskOutcome verify(TaskContext context, String datasource) throws SQLException {
        Optional<String> verify = context.text("verify");
        if (verify.isEmpty()) {
            return TaskOutcome.succeeded();
        }
        Connection c = context.connection(datasource);
        c.setAutoCommit(true);
        try {
            QueryCheck.Result result = QueryCheck.run(c, verify.get());
            if (!result.passed()) {
                return new TaskOutcome.Failed("verify failed: the query returned " + result.seen() + " (a pass is true or a"
                        + " non-zero number)\nverify: " + context.mask(oneLine(verify.get())), false);
            }
            return new TaskOutcome.Succeeded(-1, "verified");
        } catch (SQLException e) {
            return TaskOutcome.failed("verify failed with an error\n" + describe(context, e, "verify", null));
        }
    }

    /** Runs a script as its transaction mode says; empty when it went through. */
    private Optional<TaskOutcome> runScript(TaskContext context, String datasource, String key, String script, boolean forward)
            throws SQLException {
        Datasource.Engine engine = context.plan().datasources().get(datasource).engine();
        List<Statement> statements;
        try {
            statements = StatementSplitter.split(script, engine);
        } catch (IllegalArgumentException e) {
            return Optional.of(TaskOutcome.failed(key + ": " + e.getMessage()));
        }
        String mode = context.task().spec().path("transaction").asString("auto");
        boolean canTx = StatementSplitter.canRunInTransaction(statements);
        if ((mode.equals("true")) && !canTx) {
            Statement blocker = statements.stream().filter(s -> !s.transactional()).findFirst().orElseThrow();
            return Optional.of(TaskOutcome.failed(key + ": transaction: true, but this statement cannot run in a transaction: "
                    + oneLine(blocker.sql()) + " (use transaction: auto or false)"));
        }
        boolean oneTransaction = canTx && !mode.equals("false");
        Connection c = context.connection(datasource);
        return oneTransaction ? inTransaction(context, c, key, statements, forward)
                : statementByStatement(context, c, key, statements, forward);
    }

    /** Statements that return no rows, which a JDBC batch may carry: the first word of each, upper case. */
    private static final java.util.Set<String> BATCHABLE = java.util.Set.of("CREATE", "ALTER", "DROP", "INSERT", "UPDATE", "DELETE",
            "COMMENT", "GRANT", "REVOKE", "TRUNCATE", "DO");
    /** True when every statement can go in one batch: none returns rows (a batch refuses results). */
    static boolean batchable(List<Statement> statements) {
        for (Statement s : statements) {
            if (!BATCHABLE.contains(firstWord(s.sql())) || containsWord(s.sql(), "RETURNING")) {
                return false;
            }
        }
        return true;
    }

    // Plain scans rather than regular expressions: they run for every statement of every task.

    /** The statement's first word (ASCII letters after leading white space), upper case; empty when there is none. */
    static String firstWord(String sql) {
        int start = 0;
        while (start < sql.length() && Character.isWhitespace(sql.charAt(start))) {
            start++;
        }
        int end = start;
        while (end < sql.length() && isAsciiLetter(sql.charAt(end))) {
            end++;
        }
        return sql.substring(start, end).toUpperCase(java.util.Locale.ROOT);
    }

    /** Whether {@code word} (upper case) occurs in {@code sql} as a whole word, in any case, as {@code \bword\b} finds it. */
    static boolean containsWord(String sql, String word) {
        for (int at = 0; at + word.length() <= sql.length(); at++) {
            if (sql.regionMatches(true, at, word, 0, word.length()) && (at == 0 || !isWordChar(sql.charAt(at - 1)))
                    && (at + word.length() == sql.length() || !isWordChar(sql.charAt(at + word.length())))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_'; // as the regular expression \b tells a word
    }

    private Optional<TaskOutcome> inTransaction(TaskContext context, Connection c, String key, List<Statement> statements,
                                                boolean forward) throws SQLException {
        c.setAutoCommit(false);
        Optional<TaskOutcome> failed = forward && c.isWrapperFor(org.postgresql.PGConnection.class) && batchable(statements)
                ? inOneBatch(context, c, key, statements) : oneByOne(context, c, key, statements);
        if (failed.isPresent()) {
            return failed;
        }
        if (forward) {
            context.applied(c); // when the batch carried the record, this only takes note of it
        } else {
            context.unapplied(c);
        }
        c.commit();
        c.setAutoCommit(true);
        return Optional.empty();
    }

    /** The statements of an open transaction one by one; the failure (rolled back) if one fails. */
    private Optional<TaskOutcome> oneByOne(TaskContext context, Connection c, String key, List<Statement> statements)
            throws SQLException {
        for (Statement s : statements) {
            try (java.sql.Statement jdbc = c.createStatement()) {
                jdbc.execute(s.sql());
            } catch (SQLException e) {
                return Optional.of(rolledBack(context, c, e, key, s));
            }
        }
        return Optional.empty();
    }

    /**
     * PostgreSQL: the statements, their cutover_history record and the COMMIT in one JDBC batch: one round trip (the
     * driver's commit() after it sends nothing, the transaction being closed). PostgreSQL skips what follows a failed
     * entry, the COMMIT too, and the caller's rollback ends the transaction. A failed statement is named as it is when
     * the statements go one by one.
     */
    private Optional<TaskOutcome> inOneBatch(TaskContext context, Connection c, String key, List<Statement> statements)
            throws SQLException {
        try (java.sql.Statement batch = c.createStatement()) {
            for (Statement s : statements) {
                batch.addBatch(s.sql());
            }
            if (context.addAppliedTo(batch)) {
                batch.addBatch("COMMIT"); // only with the record inside: the work never commits without it
            }
            batch.executeBatch();
            return Optional.empty();
        } catch (java.sql.BatchUpdateException e) {
            int failed = failedEntry(e, statements.size() + 2);
            SQLException cause = e.getNextException() != null ? e.getNextException() : e;
            return Optional.of(rolledBack(context, c, cause, key, failed >= 0 && failed < statements.size() ? statements.get(failed) : null));
        }
    }

    /** Rolls the open transaction back and says which statement failed and that nothing stays. */
    private static TaskOutcome rolledBack(TaskContext context, Connection c, SQLException e, String key, Statement statement)
            throws SQLException {
        c.rollback();
        return TaskOutcome.failed(describe(context, e, key, statement) + "\nthe transaction was rolled back: nothing of '" + key
                + "' was applied");
    }

    private static final java.util.regex.Pattern BATCH_ENTRY = java.util.regex.Pattern.compile("Batch entry (\\d+)");

    /**
     * Which entry of a batch failed: pgjdbc names it in its message ("Batch entry 1 ... was aborted") and marks every
     * entry failed in its counts, since the transaction lost them all; other drivers stop the counts at it. -1 when
     * neither tells.
     */
    static int failedEntry(java.sql.BatchUpdateException e, int entries) {
        java.util.regex.Matcher m = BATCH_ENTRY.matcher(String.valueOf(e.getMessage()));
        if (m.find()) {
            return Integer.parseInt(m.group(1));
        }
        int[] counts = e.getUpdateCounts();
        return counts != null && counts.length < entries ? counts.length : -1;
    }

    private Optional<TaskOutcome> statementByStatement(TaskContext context, Connection c, String key, List<Statement> statements,
                                                       boolean forward) throws SQLException {
        c.setAutoCommit(true);
        int done = 0;
        for (Statement s : statements) {
            try (java.sql.Statement jdbc = c.createStatement()) {
                jdbc.execute(s.sql());
                done++;
            } catch (SQLException e) {
                if (done > 0 && forward) {
                    context.maybeApplied();
                }
                return Optional.of(TaskOutcome.failed(describe(context, e, key, s) + "\n" + done + " of " + statements.size()
                        + " statements ran before it (statement by statement: they stay applied" + (forward ? ", and down runs in the rollback)" : ")")));
            }
        }
        if (forward) {
            context.applied(c);
        } else {
            context.unapplied(c);
        }
        return Optional.empty();
    }

    /** The labelled lines of a failing statement: where it stands in the plan, SQL state, the database's words. */
    static String describe(TaskContext context, SQLException e, String key, Statement statement) {
        StringBuilder out = new StringBuilder();
        if (statement != null) {
            SourceLocation script = context.task().locationOf("/" + key);
            boolean block = context.text(key).map(t -> t.contains("\n")).orElse(false);
            int line = script.line() + (block ? 1 : 0) + statement.line() - 1;
            out.append("statement:  ").append(script.file()).append(':').append(line).append(" (").append(key).append("): ")
                    .append(context.mask(oneLine(statement.sql()))).append('\n');
        }
        out.append("SQL state:  ").append(e.getSQLState()).append('\n');
        out.append("error:      ").append(context.mask(String.valueOf(e.getMessage()).trim().replace("\n", " ")));
        return out.toString();
    }

    private static String oneLine(String sql) {
        String flat = sql.replaceAll("\\s+", " ").trim();
        return flat.length() > 120 ? flat.substring(0, 117) + "..." : flat;
    }
}
