package io.cutover.review;

import io.cutover.plan.Datasource.Engine;
import io.cutover.plan.Task;
import io.cutover.review.Script.Located;
import io.cutover.review.SqlChange.CreateTable;
import io.cutover.review.SqlChange.SetLockTimeout;
import io.cutover.review.SqlChange.WriteRows;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The rules about a task as a whole: lock_timeout for PostgreSQL DDL, verify for data changes,
 * checksums for copies, and whether {@code down} undoes {@code up}.
 */
final class TaskRules {
    private final PlanSource source;
    private final FindingSink sink;
    private Set<JsonNode> checksummed;

    TaskRules(PlanSource source, FindingSink sink) {
        this.source = source;
        this.sink = sink;
    }

    void checkSql(Task task, Engine engine, List<Located> up, List<Located> down) {
        String datasource = source.datasourceOf(task);
        if (engine == Engine.POSTGRESQL && !source.hasLockTimeout(datasource)) {
            lockTimeout(task, datasource, up);
        }
        if (!task.has("verify")) {
            up.stream().filter(s -> s.changes().stream().anyMatch(c -> c instanceof WriteRows)).findFirst()
                    .ifPresent(s -> sink.task(Rules.DATA_CHANGE_WITHOUT_VERIFY, task, s.location(),
                            "task " + task.id() + " changes data (" + firstWrite(s).describe() + ") but has no 'verify' "
                                    + "query that proves the result"));
        }
        new InverseCheck(task, sink).check(up, down);
    }

    private void lockTimeout(Task task, String datasource, List<Located> up) {
        List<String> created = new ArrayList<>();
        for (Located s : up) {
            for (SqlChange c : s.changes()) {
                if (c instanceof SetLockTimeout) {
                    return;
                }
                boolean onNewTable = StatementRules.isNew(created, c.table()) && !(c instanceof CreateTable);
                if (c.locksTable() && !onNewTable) {
                    sink.task(Rules.PG_DDL_WITHOUT_LOCK_TIMEOUT, task, s.location(), c.describe() + " runs without "
                            + "lock_timeout (datasource '" + datasource + "' sets none): while it waits for its lock every "
                            + "query on the table waits behind it; set lock_timeout on the datasource or SET lock_timeout "
                            + "first in the script");
                    return;
                }
                if (c instanceof CreateTable t) {
                    created.add(t.table());
                }
            }
        }
    }

    private static SqlChange firstWrite(Located s) {
        return s.changes().stream().filter(c -> c instanceof WriteRows).findFirst().orElseThrow();
    }

    /** A copy needs checksum among its checks, or a verify task with checksum on the same target. */
    void checkCopy(Task task) {
        if (hasChecksum(task.spec().path("checks")) || checksummedTargets().contains(task.spec().path("target"))) {
            return;
        }
        String checks = task.spec().has("checks") ? "checks " + YamlText.flow(source.raw(task).path("checks"))
                : "the default checks [row_count]";
        sink.task(Rules.COPY_WITHOUT_CHECKSUM, task, task.locationOf("/checks"), "copy " + task.id() + " compares "
                + checks + " only: add checksum, so that changed values are caught and not only missing rows");
    }

    private Set<JsonNode> checksummedTargets() {
        if (checksummed == null) {
            checksummed = new HashSet<>();
            source.plan().tasks().stream().filter(t -> t.type().equals("verify") && hasChecksum(t.spec().path("checks")))
                    .forEach(t -> checksummed.add(t.spec().path("target")));
        }
        return checksummed;
    }

    private static boolean hasChecksum(JsonNode checks) {
        for (JsonNode check : checks) {
            if (check.isString() && check.asString().equals("checksum") || check.has("checksum")) {
                return true;
            }
        }
        return false;
    }
}
