package io.cutover.review;

import io.cutover.plan.SourceLocation;
import io.cutover.spi.Problem;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * What one lint rule found, and where.
 *
 * <pre>{@code
 * for (Finding f : Lint.findings(loaded)) {
 *     System.out.println(f.location() + ": " + f.severity().label() + ": " + f.message() + " [" + f.rule().id() + "]");
 * }
 * }</pre>
 *
 * @param rule     the rule that found it
 * @param severity the rule's level, or a lower one (a destructive statement that is declared and backed up)
 * @param task     the task it is about; empty for plan-wide rules
 * @param path     the plan path, such as {@code phases[2].tasks[0]}; empty at the top level
 * @param location where it stands in the plan file (or in the SQL file a task names)
 * @param message  what is wrong here, in the plan's own words
 */
public record Finding(Rule rule, Severity severity, Optional<String> task, String path, SourceLocation location,
                      String message) {

    /** In file, line and column order, then by rule. */
    public static final Comparator<Finding> ORDER = Comparator.comparing((Finding f) -> f.location().file())
            .thenComparing(Finding::location).thenComparing(f -> f.rule().id()).thenComparing(Finding::message);

    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(location, "location");
        path = path == null ? "" : path;
    }

    /** The rule's id, as {@code lint: {ignore: [...]}} and SARIF name it. */
    public String ruleId() {
        return rule.id();
    }

    /**
     * This finding as a {@code validate} warning: always {@link Problem.Severity#WARNING} (lint never makes a plan
     * invalid), the message ending with the rule id in brackets.
     */
    public Problem toWarning() {
        return new Problem(Problem.Severity.WARNING, location, path, message + " [" + rule.id() + "]");
    }
}
