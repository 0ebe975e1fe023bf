package io.cutover.journal;

import io.cutover.plan.Datasource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code cutover_history} in a target datasource: one row per applied task that changes something,
 * written on the caller's connection so that a transactional task's statements and its row commit
 * together (as Flyway's {@code flyway_schema_history}). The table lives in the connection's default
 * schema and is created on first use; the DDL per engine is a resource beside this class.
 */
public final class History {
    private History() {
    }

    /**
     * Creates the table if it is missing. Call it outside any transaction of the work: DDL commits on
     * MariaDB and H2, and switching autocommit commits everywhere, so inside a task's transaction it
     * would commit the work before its history row.
     */
    public static void ensure(Connection connection, Datasource.Engine engine) throws SQLException {
        if (!connection.getAutoCommit()) {
            throw new IllegalStateException("cutover_history must be created outside a transaction");
        }
        String ddl = resource("history-" + engine.name().toLowerCase(Locale.ROOT).replace("unknown", "postgresql") + ".sql");
        try (Statement s = connection.createStatement()) {
            s.execute(ddl.trim());
        }
    }

    /** The checksum recorded for the task (and item), if it is applied. */
    public static Optional<String> checksum(Connection c, String plan, String taskId, String item) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT checksum FROM cutover_history WHERE plan = ? AND task_id = ? AND item = ?")) {
            ps.setString(1, plan);
            ps.setString(2, taskId);
            ps.setString(3, item);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** One history row. */
    public record Row(String taskId, String item, String checksum, String runId) { }

    /** Every row of a plan. */
    public static java.util.List<Row> rows(Connection c, String plan) throws SQLException {
        java.util.List<Row> out = new java.util.ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT task_id, item, checksum, run_id FROM cutover_history WHERE plan = ?")) {
            ps.setString(1, plan);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
        }
        return out;
    }

    /** Records the task as applied (replacing an earlier row); the caller commits. */
    public static void record(Connection c, String plan, String taskId, String item, String checksum, String runId)
            throws SQLException {
        remove(c, plan, taskId, item);
        insert(c, plan, taskId, item, checksum, runId);
    }

    /**
     * Records a task that has no row yet: one statement, in the task's own transaction (a row left
     * over would make this fail, and the transaction with it, rather than record twice).
     */
    public static void insert(Connection c, String plan, String taskId, String item, String checksum, String runId)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO cutover_history (plan, task_id, item, checksum, run_id) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, plan);
            ps.setString(2, taskId);
            ps.setString(3, item);
            ps.setString(4, checksum);
            ps.setString(5, runId);
            ps.executeUpdate();
        }
    }

    /**
     * The insert of {@link #insert} as one literal PostgreSQL statement, for a JDBC batch: the values go in as
     * {@code E''} strings (backslash and quote escaped), which mean the same whatever standard_conforming_strings says.
     */
    public static String insertLiteralPostgres(String plan, String taskId, String item, String checksum, String runId) {
        return "INSERT INTO cutover_history (plan, task_id, item, checksum, run_id) VALUES (" + pgText(plan) + ", " + pgText(taskId)
                + ", " + pgText(item) + ", " + pgText(checksum) + ", " + pgText(runId) + ")";
    }

    private static String pgText(String value) {
        return "E'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    /** Forgets the task (it was rolled back); the caller commits. */
    public static void remove(Connection c, String plan, String taskId, String item) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM cutover_history WHERE plan = ? AND task_id = ? AND item = ?")) {
            ps.setString(1, plan);
            ps.setString(2, taskId);
            ps.setString(3, item);
            ps.executeUpdate();
        }
    }

    private static String resource(String name) {
        try (InputStream in = History.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("missing " + name, e);
        }
    }
}
