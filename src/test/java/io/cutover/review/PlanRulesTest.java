package io.cutover.review;

import static io.cutover.review.LintPlans.lint;
import static io.cutover.review.LintPlans.of;
import static io.cutover.review.LintPlans.sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.spi.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules about copies, windows, estimates and lint settings, each firing and not firing. */
class PlanRulesTest {
    private static final String COPY_PLAN = """
            cutover: 1
            name: copy-test
            datasources:
              old: {url: "jdbc:postgresql://db/old"}
              new: {url: "jdbc:postgresql://db/new"}
            phases:
              - id: copy
                tasks:
                  - id: copy-orders
                    type: copy
                    source: {datasource: old, table: orders}
                    target: {datasource: new, table: orders}
            %s
                    down: truncate
            %s""";

    @Test
    void copyWithoutChecksumFiresAtItsChecks() {
        Finding f = only(lint(COPY_PLAN.formatted("        checks: [row_count]", "")), Rules.COPY_WITHOUT_CHECKSUM);
        assertEquals(13, f.location().line());
        assertEquals("copy copy-orders compares checks [row_count] only: add checksum, so that changed values are caught and "
                + "not only missing rows", f.message());
        assertTrue(only(lint(COPY_PLAN.formatted("", "")), Rules.COPY_WITHOUT_CHECKSUM).message()
                .contains("the default checks [row_count]"));
    }

    @Test
    void copyWithAChecksumOrAVerifyTaskWithOneDoesNotFire() {
        assertEquals(List.of(), of(lint(COPY_PLAN.formatted("        checks: [row_count, checksum]", "")), Rules.COPY_WITHOUT_CHECKSUM));
        String verify = """
                      - id: compare
                        type: verify
                        source: {datasource: old, table: orders}
                        target: {datasource: new, table: orders}
                        checks: [row_count, {sample: 100}, checksum]
                """;
        assertEquals(List.of(), of(lint(COPY_PLAN.formatted("", verify)), Rules.COPY_WITHOUT_CHECKSUM));
        String wrongTable = verify.replace("target: {datasource: new, table: orders}", "target: {datasource: new, table: items}");
        assertEquals(1, of(lint(COPY_PLAN.formatted("", wrongTable)), Rules.COPY_WITHOUT_CHECKSUM).size());
    }

    private static final String WINDOWED = """
            cutover: 1
            name: window-test
            window: {days: [sun], from: "02:00", to: "04:00", timezone: Europe/Berlin}
            metrics:
              up: {shell: "true"}
            %s
            phases:
              - id: prepare
                anytime: true
                estimate: 5h
                tasks: [{id: a, type: wait, duration: 1s}]
              - id: main
                estimate: %s
                tasks: [{id: b, type: wait, duration: 1s}]
              - id: after
                tasks: [{id: c, type: wait, duration: 1s, estimate: 20m}]
              - id: unknown
                tasks: [{id: d, type: wait, duration: 1s}]
            """;

    @Test
    void aWindowWithoutTriggersFiresAtTheWindowKey() {
        Finding f = only(lint(WINDOWED.formatted("", "1h")), Rules.WINDOW_WITHOUT_TRIGGERS);
        assertEquals(3, f.location().line());
        assertEquals(1, f.location().column());
        assertTrue(f.task().isEmpty());
        assertEquals("the plan has a window but no rollback_triggers: nothing watches production while it runs", f.message());
    }

    @Test
    void triggersOrNoWindowDoNotFire() {
        String triggers = "rollback_triggers: [{when: up == 0}]";
        assertEquals(List.of(), of(lint(WINDOWED.formatted(triggers, "1h")), Rules.WINDOW_WITHOUT_TRIGGERS));
        assertEquals(List.of(), of(sql().lint(), Rules.WINDOW_WITHOUT_TRIGGERS));
    }

    @Test
    void estimatesThatDoNotFitFireAtTheOverflowingPhase() {
        Finding f = only(lint(WINDOWED.formatted("", "1h50m")), Rules.ESTIMATES_EXCEED_WINDOW);
        assertEquals(15, f.location().line(), "at phase 'after', which has no estimate of its own");
        assertEquals("the phases that need the window are estimated at 2h10m (main 1h50m, after 20m) but the window is open 2h: "
                + "the run would reach the window's close in phase after", f.message());
        assertEquals(13, only(lint(WINDOWED.formatted("", "3h")), Rules.ESTIMATES_EXCEED_WINDOW).location().line());
    }

    @Test
    void estimatesThatFitDoNotFireAndAnytimePhasesDoNotCount() {
        assertEquals(List.of(), of(lint(WINDOWED.formatted("", "1h40m")), Rules.ESTIMATES_EXCEED_WINDOW));
    }

    @Test
    void anUnknownRuleInIgnoreIsReportedWithAHint() {
        Lint.Report r = sql().up("CREATE INDEX i ON t (a);").key("lint: {ignore: [pg-create-index-blocks, pg-create-index-blocking]}").lint();
        Finding f = only(r, Rules.UNKNOWN_LINT_RULE);
        assertEquals("'pg-create-index-blocks' is not a lint rule, so it silences nothing (did you mean 'pg-create-index-blocking'?)",
                f.message());
        assertEquals(16, f.location().line());
        assertEquals(List.of(), of(r, Rules.PG_CREATE_INDEX_BLOCKING), "the known id still silences its rule");
        assertEquals(List.of(), of(sql().key("lint: {ignore: [down-not-inverse]}").lint(), Rules.UNKNOWN_LINT_RULE));
    }

    @Test
    void validateSeesEveryFindingAsAWarning() {
        Finding f = only(sql().up("DROP TABLE orders;").lint(), Rules.DESTRUCTIVE_STATEMENT);
        Problem p = f.toWarning();
        assertEquals(Problem.Severity.WARNING, p.severity());
        assertEquals(f.location(), p.location());
        assertEquals("phases[0].tasks[0]", p.path());
        List<Problem> warnings = Lint.warnings(LintPlans.load("warnings.yaml", sql().up("DROP TABLE orders;").yaml()));
        assertTrue(warnings.stream().allMatch(w -> w.severity() == Problem.Severity.WARNING), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.message().equals(p.message()) && w.location().line() == 13), warnings.toString());
        assertTrue(p.format().endsWith(": phases[0].tasks[0]: warning: DROP TABLE orders destroys data that no rollback brings "
                + "back: keep the data, or mark the task irreversible: true and add a backup item to the checklist "
                + "[destructive-statement]"), p.format());
    }

    @Test
    void findingsComeInFileAndLineOrder() {
        Lint.Report r = sql().up("ALTER TABLE a RENAME TO b;\nDROP TABLE c;\nCREATE INDEX i ON d (x);").lint();
        List<Finding> sorted = r.findings().stream().sorted(Finding.ORDER).toList();
        assertEquals(sorted, r.findings());
        assertTrue(r.hasAtLeast(Severity.ERROR));
        assertTrue(r.hasAtLeast(Severity.WARNING));
    }

    private static Finding only(Lint.Report report, Rule rule) {
        List<Finding> found = of(report, rule);
        assertEquals(1, found.size(), () -> rule.id() + ": expected one finding, got " + report.findings());
        return found.get(0);
    }
}
