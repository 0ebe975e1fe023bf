package io.cutover.review;

import io.cutover.plan.ChecklistItem;
import io.cutover.plan.Datasource.Engine;
import io.cutover.plan.Task;
import io.cutover.review.Script.Located;
import io.cutover.review.SqlChange.AddColumn;
import io.cutover.review.SqlChange.AddConstraint;
import io.cutover.review.SqlChange.ChangeType;
import io.cutover.review.SqlChange.CreateIndex;
import io.cutover.review.SqlChange.CreateTable;
import io.cutover.review.SqlChange.DropColumn;
import io.cutover.review.SqlChange.DropSchema;
import io.cutover.review.SqlChange.DropTable;
import io.cutover.review.SqlChange.RenameColumn;
import io.cutover.review.SqlChange.RenameTable;
import io.cutover.review.SqlChange.Truncate;
import io.cutover.review.SqlChange.WriteRows;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rules about single statements of a task's {@code up}: destructive statements, and the DDL
 * that blocks or breaks a live application. A table created earlier in the same script is new and
 * empty, so only the destructive rule looks at statements on it (and not at dropping it again).
 */
final class StatementRules {
    private final Optional<ChecklistItem> backup;
    private final FindingSink sink;

    StatementRules(List<ChecklistItem> checklist, FindingSink sink) {
        this.backup = checklist.stream().filter(ChecklistItem::isBackup).findFirst();
        this.sink = sink;
    }

    void check(Task task, Engine engine, List<Located> up) {
        List<String> created = new ArrayList<>();
        for (Located s : up) {
            for (SqlChange c : s.changes()) {
                boolean fresh = isNew(created, c.table());
                if (!fresh) {
                    destructive(task, s, c);
                    blocking(task, engine, s, c);
                }
                if (c instanceof CreateTable t) {
                    created.add(t.table());
                }
            }
        }
    }

    /** True when {@code table} was created earlier in the same script. */
    static boolean isNew(List<String> created, String table) {
        return !table.isEmpty() && created.stream().anyMatch(t -> SqlName.same(t, table));
    }

    private void destructive(Task task, Located s, SqlChange c) {
        boolean destroys = c instanceof DropTable d && !d.temporary() || c instanceof DropSchema || c instanceof DropColumn
                || c instanceof Truncate || c instanceof WriteRows w && w.everyRow();
        if (!destroys) {
            return;
        }
        Rule rule = Rules.DESTRUCTIVE_STATEMENT;
        String what = c.describe() + " destroys data that no rollback brings back";
        if (task.irreversible() && backup.isPresent()) {
            sink.task(rule, Severity.WARNING, task, s.location(), what + "; the task is irreversible: true and the checklist "
                    + "has a backup item ('" + backup.get().id() + "')");
        } else if (task.irreversible()) {
            sink.task(rule, task, s.location(), what + "; the task is irreversible: true, but the checklist has no backup "
                    + "item: add one (an item whose id or text says backup)");
        } else {
            sink.task(rule, task, s.location(), what + ": keep the data, or mark the task irreversible: true and add a "
                    + "backup item to the checklist");
        }
    }

    private void blocking(Task task, Engine engine, Located s, SqlChange c) {
        if (c instanceof CreateIndex i && engine == Engine.POSTGRESQL && !i.concurrently() && !i.viaAlter()) {
            sink.task(Rules.PG_CREATE_INDEX_BLOCKING, task, s.location(), c.describe() + " blocks every write to "
                    + i.table() + " until the index is built: use CREATE INDEX CONCURRENTLY");
        } else if (c instanceof AddColumn a && a.notNull() && !a.filled()) {
            sink.task(Rules.NOT_NULL_WITHOUT_DEFAULT, task, s.location(), c.describe() + " is NOT NULL without a DEFAULT: "
                    + notNullEffect(engine, a.table()) + "; add a DEFAULT, or add it nullable, backfill it, then set NOT NULL");
        } else if (c instanceof ChangeType t && !(engine == Engine.MARIADB && t.online())) {
            sink.task(Rules.COLUMN_TYPE_REWRITE, task, s.location(), typeEffect(engine, t));
        } else if (c instanceof RenameTable r) {
            sink.task(Rules.RENAME_BREAKS_APP, task, s.location(), "renaming table " + r.table() + " to " + r.to()
                    + " breaks every query of the running application that still names " + r.table());
        } else if (c instanceof RenameColumn r) {
            sink.task(Rules.RENAME_BREAKS_APP, task, s.location(), "renaming column " + r.table() + "." + r.from() + " to "
                    + r.to() + " breaks every query of the running application that still names " + r.from());
        } else if (c instanceof AddConstraint k && engine == Engine.POSTGRESQL && !k.notValid()) {
            sink.task(Rules.PG_CONSTRAINT_WITHOUT_NOT_VALID, task, s.location(), c.describe() + " without NOT VALID scans "
                    + k.table() + " while blocking its writes: add it NOT VALID, then VALIDATE CONSTRAINT in a later statement");
        }
    }

    private static String notNullEffect(Engine engine, String table) {
        return switch (engine) {
            case POSTGRESQL -> "PostgreSQL refuses it when " + table + " has rows";
            case MARIADB -> "MariaDB fills the existing rows of " + table + " with the type's implicit default (0, '' or a zero date)";
            default -> "it fails on a table with rows, or fills them with an implicit default";
        };
    }

    private static String typeEffect(Engine engine, ChangeType t) {
        String column = t.table() + "." + t.column();
        return switch (engine) {
            case POSTGRESQL -> "changing the type of " + column + " rewrites " + t.table() + " and its indexes under an "
                    + "ACCESS EXCLUSIVE lock (unless the new type is binary-compatible, such as varchar(n) to text)";
            case MARIADB -> "changing the type of " + column + " copies " + t.table() + " while blocking writes: state "
                    + "ALGORITHM=INSTANT or INPLACE so that the server refuses a copy instead";
            default -> "changing the type of " + column + " may rewrite " + t.table() + " under an exclusive lock";
        };
    }
}
