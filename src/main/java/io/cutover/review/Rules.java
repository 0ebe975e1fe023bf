package io.cutover.review;

import java.util.List;
import java.util.Optional;

/**
 * Every lint rule cutover knows, in the order of {@code docs/lint-rules.md}. Every rule but
 * {@link #DESTRUCTIVE_STATEMENT} reports warnings.
 */
public final class Rules {
    public static final Rule DESTRUCTIVE_STATEMENT = new Rule("destructive-statement", Severity.ERROR,
            "Destructive statement in forward work",
            "DROP TABLE, DROP COLUMN, TRUNCATE and DELETE without WHERE destroy data that no 'down' can bring back.",
            "Keep the data (rename, archive, or drop in a later plan once nothing reads it); if it must go now, mark the task "
                    + "irreversible: true and add a backup item to the checklist (then this is a warning).");
    public static final Rule PG_CREATE_INDEX_BLOCKING = new Rule("pg-create-index-blocking", Severity.WARNING,
            "CREATE INDEX without CONCURRENTLY (PostgreSQL)",
            "A plain CREATE INDEX holds a SHARE lock that blocks every write to the table until the index is built.",
            "Write CREATE INDEX CONCURRENTLY (cutover then runs the script statement by statement), with DROP INDEX "
                    + "CONCURRENTLY IF EXISTS in 'down'.");
    public static final Rule NOT_NULL_WITHOUT_DEFAULT = new Rule("not-null-without-default", Severity.WARNING,
            "ADD COLUMN ... NOT NULL without a DEFAULT",
            "On a table with rows PostgreSQL refuses the column, and MariaDB silently fills it with 0, '' or a zero date.",
            "Add a DEFAULT, or add the column nullable, backfill it, then set NOT NULL.");
    public static final Rule COLUMN_TYPE_REWRITE = new Rule("column-type-rewrite", Severity.WARNING,
            "Column type change that rewrites the table",
            "Changing a column's type rewrites the whole table (and its indexes) while holding an exclusive lock.",
            "Add a new column, backfill it in batches and switch the application over; on MariaDB state ALGORITHM=INSTANT "
                    + "or INPLACE so that the server refuses a copy instead of doing one.");
    public static final Rule RENAME_BREAKS_APP = new Rule("rename-breaks-app", Severity.WARNING,
            "Rename of a table or column",
            "The running application still uses the old name: every query that names it fails the moment the rename commits.",
            "Expand and contract: add the new name (a new column kept in sync, or a view), move the application, and "
                    + "remove the old name in a later plan.");
    public static final Rule PG_CONSTRAINT_WITHOUT_NOT_VALID = new Rule("pg-constraint-without-not-valid", Severity.WARNING,
            "FOREIGN KEY or CHECK added without NOT VALID (PostgreSQL)",
            "Adding a validated constraint scans the whole table while holding a lock that blocks writes.",
            "Add it with NOT VALID, then run ALTER TABLE ... VALIDATE CONSTRAINT ... in a later statement or task "
                    + "(it takes a weaker lock).");
    public static final Rule PG_DDL_WITHOUT_LOCK_TIMEOUT = new Rule("pg-ddl-without-lock-timeout", Severity.WARNING,
            "DDL without lock_timeout (PostgreSQL)",
            "DDL waiting behind a long transaction queues every later query on the table behind it: a full outage.",
            "Set lock_timeout on the datasource (lock_timeout: 5s) or begin the script with SET lock_timeout = '5s', "
                    + "and give the task retries.");
    public static final Rule DATA_CHANGE_WITHOUT_VERIFY = new Rule("data-change-without-verify", Severity.WARNING,
            "Data-changing task without verify",
            "Without a 'verify' query nothing proves that the rows are right, and a resumed run cannot tell whether the "
                    + "task applied.",
            "Add a 'verify' query that is true when the data is as intended, such as comparing counts.");
    public static final Rule COPY_WITHOUT_CHECKSUM = new Rule("copy-without-checksum", Severity.WARNING,
            "copy without a checksum check",
            "Row counts can match while the values differ (truncated text, shifted time zones, lost precision).",
            "Add checksum to the copy's checks (checks: [row_count, checksum]) or compare the tables in a verify task "
                    + "with checksum.");
    public static final Rule WINDOW_WITHOUT_TRIGGERS = new Rule("window-without-triggers", Severity.WARNING,
            "Window but no rollback triggers",
            "A plan important enough for a maintenance window needs a way to notice that it broke production.",
            "Add rollback_triggers on the metrics that show the application's health (error rate, latency, a smoke test).");
    public static final Rule ESTIMATES_EXCEED_WINDOW = new Rule("estimates-exceed-window", Severity.WARNING,
            "Phase estimates do not fit the window",
            "The phases that need the window are estimated to take longer than the window is open, so the run will stop "
                    + "half way at its close.",
            "Make the window longer, mark preparation phases anytime: true, or split the plan.");
    public static final Rule DOWN_NOT_INVERSE = new Rule("down-not-inverse", Severity.WARNING,
            "'down' does not undo 'up'",
            "A rollback that drops something other than what 'up' created leaves the change behind, or destroys "
                    + "something else.",
            "Make 'down' drop exactly the tables, indexes and columns that 'up' creates (with IF EXISTS).");
    public static final Rule UNKNOWN_LINT_RULE = new Rule("unknown-lint-rule", Severity.WARNING,
            "Unknown rule id in lint: ignore",
            "A misspelt rule id silences nothing, so the finding it was meant to silence is still reported.",
            "Use one of the ids in docs/lint-rules.md.");

    /** Every rule, in the order of the documentation. */
    public static final List<Rule> ALL = List.of(DESTRUCTIVE_STATEMENT, PG_CREATE_INDEX_BLOCKING, NOT_NULL_WITHOUT_DEFAULT,
            COLUMN_TYPE_REWRITE, RENAME_BREAKS_APP, PG_CONSTRAINT_WITHOUT_NOT_VALID, PG_DDL_WITHOUT_LOCK_TIMEOUT,
            DATA_CHANGE_WITHOUT_VERIFY, COPY_WITHOUT_CHECKSUM, WINDOW_WITHOUT_TRIGGERS, ESTIMATES_EXCEED_WINDOW,
            DOWN_NOT_INVERSE, UNKNOWN_LINT_RULE);

    private Rules() {
    }

    /** The rule with this id. */
    public static Optional<Rule> byId(String id) {
        return ALL.stream().filter(r -> r.id().equals(id)).findFirst();
    }
}
