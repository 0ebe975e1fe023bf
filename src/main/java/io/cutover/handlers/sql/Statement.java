package io.cutover.handlers.sql;

import java.util.Objects;

/**
 * One statement of a {@code sql} task's script, as {@link StatementSplitter} cut it out.
 *
 * <p>The position is relative to the script, so that the engine can add the line where the script
 * starts in the plan file (a {@code |} block starts on the line after its key) and point at the
 * statement the database rejected.
 *
 * @param sql           the statement's text: trimmed, without its terminating {@code ;}, without
 *                      the comments before it and after it, with the comments inside it
 * @param line          1-based line of the statement's first character in the script
 * @param column        1-based column (in Unicode code points) of that character
 * @param transactional whether the statement may run inside a transaction block together with
 *                      others; {@code false} for PostgreSQL's {@code CREATE INDEX CONCURRENTLY}
 *                      and the like, and for statements that commit implicitly (DDL on MariaDB
 *                      and H2)
 */
public record Statement(String sql, int line, int column, boolean transactional) {

    /** Checks that the statement has text and a position. */
    public Statement {
        Objects.requireNonNull(sql, "sql");
        if (sql.isBlank()) {
            throw new IllegalArgumentException("a statement needs text");
        }
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
        }
    }
}
