package io.cutover.review;

import io.cutover.load.LoadedPlan;
import io.cutover.load.Suggestions;
import io.cutover.plan.Datasource.Engine;
import io.cutover.plan.Plan;
import io.cutover.plan.Task;
import io.cutover.review.Script.Located;
import io.cutover.spi.Problem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The lint rules of {@code docs/lint-rules.md} run over a loaded plan. Lint reads the plan as
 * written (references unresolved) and never connects to a database; its findings never make a
 * plan invalid.
 *
 * <pre>{@code
 * PlanLoader.Outcome outcome = new Cutover().validate(Path.of("plans/orders.yaml"));
 * if (outcome.isValid()) {
 *     Lint.warnings(outcome.loaded()).forEach(p -> System.err.println(p.format()));
 * }
 * }</pre>
 */
public final class Lint {
    private Lint() {
    }

    /**
     * What lint found and what a task's {@code lint: {ignore: [...]}} silenced.
     *
     * @param findings   the findings that count, in file and line order
     * @param suppressed the findings silenced by their task
     */
    public record Report(List<Finding> findings, List<Finding> suppressed) {
        public Report {
            findings = List.copyOf(findings);
            suppressed = List.copyOf(suppressed);
        }

        /** True when a finding is at {@code level} or worse. */
        public boolean hasAtLeast(Severity level) {
            return findings.stream().anyMatch(f -> f.severity().isAtLeast(level));
        }
    }

    /** The findings of every rule on the plan, without those its tasks silence, in file and line order. */
    public static List<Finding> findings(LoadedPlan loaded) {
        return check(loaded).findings();
    }

    /**
     * The findings as {@code validate} shows them: every one a {@link Problem.Severity#WARNING} (lint never makes a
     * plan invalid) ending with its rule id, such as {@code ... destroys data ... [destructive-statement]}.
     */
    public static List<Problem> warnings(LoadedPlan loaded) {
        return findings(loaded).stream().map(Finding::toWarning).toList();
    }

    /** The findings, and the ones silenced. */
    public static Report check(LoadedPlan loaded) {
        PlanSource source = PlanSource.of(loaded);
        FindingSink sink = new FindingSink();
        StatementRules statements = new StatementRules(loaded.plan().checklist(), sink);
        TaskRules tasks = new TaskRules(source, sink);
        for (Task task : loaded.plan().tasks()) {
            if (task.type().equals("sql")) {
                Engine engine = source.engine(source.datasourceOf(task));
                List<Located> up = statements(source, task, "up", engine);
                statements.check(task, engine, up);
                tasks.checkSql(task, engine, up, statements(source, task, "down", engine));
            } else if (task.type().equals("copy")) {
                tasks.checkCopy(task);
            }
            unknownIgnores(task, sink);
        }
        new PlanRules(source, sink).check();
        return partition(loaded.plan(), sink.all());
    }

    /** Splits the findings into those that count and those a task's {@code lint: {ignore}} silences. */
    private static Report partition(Plan plan, List<Finding> all) {
        Map<String, List<String>> ignores = new HashMap<>();
        plan.tasks().forEach(t -> ignores.merge(t.id(), t.lintIgnore(), (a, b) -> a));
        List<Finding> kept = new ArrayList<>();
        List<Finding> silenced = new ArrayList<>();
        for (Finding f : all) {
            boolean ignored = f.rule() != Rules.UNKNOWN_LINT_RULE
                    && f.task().map(id -> ignores.getOrDefault(id, List.of()).contains(f.ruleId())).orElse(false);
            (ignored ? silenced : kept).add(f);
        }
        kept.sort(Finding.ORDER);
        silenced.sort(Finding.ORDER);
        return new Report(kept, silenced);
    }

    private static List<Located> statements(PlanSource source, Task task, String key, Engine engine) {
        return source.script(task, key).map(s -> s.statements(engine)).orElse(List.of());
    }

    private static void unknownIgnores(Task task, FindingSink sink) {
        List<String> ids = Rules.ALL.stream().map(Rule::id).toList();
        for (int i = 0; i < task.lintIgnore().size(); i++) {
            String id = task.lintIgnore().get(i);
            if (!ids.contains(id)) {
                String hint = Suggestions.hint(id, ids);
                sink.task(Rules.UNKNOWN_LINT_RULE, task, task.locationOf("/lint/ignore/" + i), "'" + id
                        + "' is not a lint rule, so it silences nothing" + (hint.isEmpty() ? "; see docs/lint-rules.md" : hint));
            }
        }
    }
}
