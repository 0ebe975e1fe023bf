package io.cutover.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.review.Change.Kind;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What changed between two versions of a plan, phase by phase and task by task, as written. */
class PlanDiffTest {
    private static final String BASE = """
            cutover: 1
            name: diffed
            datasources:
              db: {url: "${env.DB_URL:-jdbc:postgresql://db/app}"}
            checklist:
              - {id: backup, text: Backup taken, manual: true}
              - {id: notify, text: Team notified, manual: true}
            phases:
              - id: one
                estimate: 10m
                tasks:
                  - id: create
                    type: sql
                    datasource: db
                    up: |
                      CREATE TABLE t (a int);
                      CREATE INDEX i ON t (a);
                    down: DROP TABLE t;
                  - id: moving
                    type: wait
                    duration: 1m
                  - id: gone
                    type: wait
                    duration: 1m
              - id: two
                tasks:
                  - {id: pause, type: wait, duration: "${param.pause:-5m}"}
            """;

    private static List<Change> changes(String base, String plan) {
        Review review = Review.of(LintPlans.load("diff/plan.yaml", plan), Optional.of(LintPlans.load("diff/base.yaml", base)),
                Instant.parse("2026-01-01T00:00:00Z"));
        return review.changes().orElseThrow();
    }

    private static String line(Change c) {
        return c.kind().label() + " " + c.phase() + "/" + c.task() + " " + c.key() + " " + c.old() + " -> " + c.now();
    }

    @Test
    void theSamePlanHasNoChanges() {
        assertEquals(List.of(), changes(BASE, BASE));
    }

    @Test
    void keysTasksAndPhasesAddedRemovedChangedAndMoved() {
        String plan = BASE.replace("estimate: 10m", "estimate: 15m")
                .replace("  - {id: notify, text: Team notified, manual: true}\n", "")
                .replace("      - id: gone\n        type: wait\n        duration: 1m\n", "")
                .replace("      - id: moving\n        type: wait\n        duration: 1m\n", "")
                .replace("  - {id: pause, type: wait, duration: \"${param.pause:-5m}\"}",
                        "  - {id: pause, type: wait, duration: \"${param.pause:-10m}\"}\n"
                                + "      - {id: moving, type: wait, duration: 2m}")
                .replace("CREATE INDEX i ON t (a);", "CREATE INDEX CONCURRENTLY i ON t (a);")
                + "  - id: three\n    tasks: [{id: new-one, type: wait, duration: 1s}]\n";
        List<String> lines = changes(BASE, plan).stream().map(PlanDiffTest::line).toList();
        assertEquals(List.of(
                "removed / checklist[notify] {id: notify, text: Team notified, manual: true} -> ",
                "changed one/ estimate 10m -> 15m",
                "changed one/create up CREATE TABLE t (a int);\nCREATE INDEX i ON t (a);\n -> CREATE TABLE t (a int);\n"
                        + "CREATE INDEX CONCURRENTLY i ON t (a);\n",
                "changed two/pause duration ${param.pause:-5m} -> ${param.pause:-10m}",
                "moved two/moving  one -> two",
                "changed two/moving duration 1m -> 2m",
                "added three/   -> ",
                "added three/new-one   -> ",
                "removed one/gone   -> "), lines);
    }

    @Test
    void changedScriptsComeWithAUnifiedDiff() {
        Change c = changes(BASE, BASE.replace("CREATE INDEX i ON t (a);", "CREATE INDEX CONCURRENTLY i ON t (a);")).get(0);
        assertEquals(Kind.CHANGED, c.kind());
        String diff = c.diff().orElseThrow();
        assertTrue(diff.endsWith("""
                @@ -1,2 +1,2 @@
                 CREATE TABLE t (a int);
                -CREATE INDEX i ON t (a);
                +CREATE INDEX CONCURRENTLY i ON t (a);
                """), diff);
        assertTrue(diff.startsWith("--- " + LintPlans.dir().resolve("diff/base.yaml") + " (task create up)\n"), diff);
    }
}
