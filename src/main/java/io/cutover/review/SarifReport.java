package io.cutover.review;

import io.cutover.Cutover;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The lint findings as SARIF 2.1.0 (OASIS), the format code scanning reads: one run of the tool
 * {@code cutover} with a reporting descriptor per lint rule (every rule, whether or not it found
 * something), and a result per finding located at its file, line and column.
 */
final class SarifReport {
    static final String SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
    private static final String DOCS = "docs/lint-rules.md";

    private SarifReport() {
    }

    static String render(Lint.Report lint, String planFile) {
        ObjectNode log = JsonMapper.shared().createObjectNode();
        log.put("$schema", SCHEMA);
        log.put("version", "2.1.0");
        ObjectNode run = log.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "cutover");
        driver.put("semanticVersion", semantic(Cutover.version()));
        ArrayNode rules = driver.putArray("rules");
        Rules.ALL.forEach(r -> rule(rules.addObject(), r));
        ArrayNode artifacts = run.putArray("artifacts");
        java.util.Set<String> files = new java.util.LinkedHashSet<>();
        files.add(FileLinks.uri(planFile));
        lint.findings().forEach(f -> files.add(FileLinks.uri(f.location().file())));
        files.forEach(uri -> artifacts.addObject().putObject("location").put("uri", uri));
        ArrayNode results = run.putArray("results");
        for (Finding f : lint.findings()) {
            result(results.addObject(), f);
        }
        run.put("columnKind", "unicodeCodePoints");
        return log.toPrettyString() + "\n";
    }

    private static void rule(ObjectNode out, Rule r) {
        out.put("id", r.id());
        out.put("name", r.pascalName());
        out.putObject("shortDescription").put("text", r.title());
        out.putObject("fullDescription").put("text", r.rationale());
        out.putObject("help").put("text", r.fix() + " (" + DOCS + "#" + r.id() + ")")
                .put("markdown", "**Why:** " + r.rationale() + "\n\n**Fix:** " + r.fix() + "\n\nSee `" + DOCS + "`.");
        out.putObject("defaultConfiguration").put("level", r.severity().label());
        out.putObject("properties").putArray("tags").add("cutover").add(r.id().startsWith("pg-") ? "postgresql" : "sql");
    }

    private static void result(ObjectNode out, Finding f) {
        out.put("ruleId", f.ruleId());
        out.put("ruleIndex", Rules.ALL.indexOf(f.rule()));
        out.put("level", f.severity().label());
        out.putObject("message").put("text", f.message());
        ObjectNode physical = out.putArray("locations").addObject().putObject("physicalLocation");
        physical.putObject("artifactLocation").put("uri", FileLinks.uri(f.location().file()));
        physical.putObject("region").put("startLine", f.location().line()).put("startColumn", f.location().column());
        f.task().ifPresent(task -> out.putObject("properties").put("task", task).put("path", f.path()));
    }

    /** SARIF wants a semantic version; a build from classes says "dev". */
    private static String semantic(String version) {
        return version.matches("\\d+\\.\\d+\\.\\d+.*") ? version : "0.0.0-" + version.replaceAll("[^0-9A-Za-z-]", "-");
    }
}
