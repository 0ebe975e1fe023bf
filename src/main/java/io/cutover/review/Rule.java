package io.cutover.review;

import java.util.Objects;

/**
 * One lint check as people and code-scanning tools see it: a stable id (the one written in a
 * task's {@code lint: {ignore: [...]}}), its default severity, and the words of
 * {@code docs/lint-rules.md} and of the SARIF rule.
 *
 * @param id        stable, kebab-case; {@code pg-} rules apply to PostgreSQL only
 * @param severity  the default level of its findings
 * @param title     what it finds, in a few words (SARIF shortDescription)
 * @param rationale why it matters, in one line (SARIF fullDescription)
 * @param fix       what to change (SARIF help)
 */
public record Rule(String id, Severity severity, String title, String rationale, String fix) {
    public Rule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(severity, "severity");
        if (!id.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("a rule id is kebab-case: " + id);
        }
    }

    /** The id in PascalCase, for SARIF's {@code name}: {@code destructive-statement} is {@code DestructiveStatement}. */
    public String pascalName() {
        StringBuilder out = new StringBuilder();
        for (String part : id.split("-")) {
            out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return out.toString();
    }
}
