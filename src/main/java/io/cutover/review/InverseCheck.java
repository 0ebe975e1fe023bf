package io.cutover.review;

import io.cutover.plan.Task;
import io.cutover.review.Script.Located;
import io.cutover.review.SqlChange.AddColumn;
import io.cutover.review.SqlChange.CreateIndex;
import io.cutover.review.SqlChange.CreateTable;
import io.cutover.review.SqlChange.DropColumn;
import io.cutover.review.SqlChange.DropIndex;
import io.cutover.review.SqlChange.DropTable;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a {@code down} undoes its {@code up}, where that can be decided from names: the tables
 * {@code up} creates against those {@code down} drops, likewise indexes and columns. A kind is only
 * judged when {@code down} drops something of that kind; dropping a table also drops its indexes
 * and columns.
 */
final class InverseCheck {
    private final Task task;
    private final FindingSink sink;

    InverseCheck(Task task, FindingSink sink) {
        this.task = task;
        this.sink = sink;
    }

    void check(List<Located> up, List<Located> down) {
        List<CreateTable> tables = of(up, CreateTable.class).stream().filter(t -> !t.temporary()).toList();
        List<CreateIndex> indexes = of(up, CreateIndex.class).stream().filter(i -> !i.name().isEmpty()).toList();
        List<AddColumn> columns = of(up, AddColumn.class);
        List<DropTable> droppedTables = of(down, DropTable.class);
        List<DropIndex> droppedIndexes = of(down, DropIndex.class);
        List<DropColumn> droppedColumns = of(down, DropColumn.class);
        if (!tables.isEmpty() && !droppedTables.isEmpty()) {
            for (CreateTable t : tables) {
                if (droppedTables.stream().noneMatch(d -> SqlName.same(d.table(), t.table()))) {
                    missing("table " + t.table());
                }
            }
            for (Located s : down) {
                for (DropTable d : of(List.of(s), DropTable.class)) {
                    if (tables.stream().noneMatch(t -> SqlName.same(d.table(), t.table()))) {
                        extra(s, "table " + d.table(), "creates no such table");
                    }
                }
            }
        }
        if (!indexes.isEmpty() && !droppedIndexes.isEmpty()) {
            for (CreateIndex i : indexes) {
                boolean undone = droppedIndexes.stream().anyMatch(d -> SqlName.same(d.name(), i.name()))
                        || droppedTables.stream().anyMatch(d -> SqlName.same(d.table(), i.table()));
                if (!undone) {
                    missing("index " + i.name());
                }
            }
            for (Located s : down) {
                for (DropIndex d : of(List.of(s), DropIndex.class)) {
                    if (indexes.stream().noneMatch(i -> SqlName.same(d.name(), i.name()))) {
                        extra(s, "index " + d.name(), "creates no such index");
                    }
                }
            }
        }
        if (!columns.isEmpty() && !droppedColumns.isEmpty()) {
            for (AddColumn c : columns) {
                boolean undone = droppedColumns.stream().anyMatch(d -> sameColumn(d.table(), d.column(), c.table(), c.column()))
                        || droppedTables.stream().anyMatch(d -> SqlName.same(d.table(), c.table()));
                if (!undone) {
                    missing("column " + c.table() + "." + c.column());
                }
            }
            for (Located s : down) {
                for (DropColumn d : of(List.of(s), DropColumn.class)) {
                    if (columns.stream().noneMatch(c -> sameColumn(d.table(), d.column(), c.table(), c.column()))) {
                        extra(s, "column " + d.table() + "." + d.column(), "adds no such column");
                    }
                }
            }
        }
    }

    private static boolean sameColumn(String tableA, String columnA, String tableB, String columnB) {
        return SqlName.same(tableA, tableB) && SqlName.same(columnA, columnB);
    }

    private void missing(String what) {
        sink.task(Rules.DOWN_NOT_INVERSE, task, task.locationOf("/down"), "'up' creates " + what
                + " but 'down' does not drop it: a rollback leaves it behind");
    }

    private void extra(Located s, String what, String why) {
        sink.task(Rules.DOWN_NOT_INVERSE, task, s.location(), "'down' drops " + what + ", but 'up' " + why
                + ": a rollback would destroy something this task did not make");
    }

    private static <T extends SqlChange> List<T> of(List<Located> statements, Class<T> kind) {
        List<T> out = new ArrayList<>();
        statements.forEach(s -> s.changes().stream().filter(kind::isInstance).map(kind::cast).forEach(out::add));
        return out;
    }
}
