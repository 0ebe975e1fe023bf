package io.cutover.review;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.Cutover;
import io.cutover.load.LoadedPlan;
import io.cutover.load.PlanLoader;
import io.cutover.spi.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Plans for lint tests: written to a temporary file (lint reads the file to place statements),
 * loaded as {@code validate} loads them, then linted.
 */
final class LintPlans {
    static final String PG = "jdbc:postgresql://127.0.0.1:5432/app";
    static final String MARIA = "jdbc:mariadb://127.0.0.1:3306/app";
    private static final Cutover CUTOVER = new Cutover();
    private static final Path DIR;

    static {
        try {
            // Under target/, so that mvn clean removes them and no run leaves files in the system's temp folder.
            DIR = Files.createTempDirectory(Files.createDirectories(Path.of("target", "review-tests")), "plans-").toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private LintPlans() {
    }

    /** Writes the plan text to a file named {@code name} and loads it; fails the test when it is not valid. */
    static LoadedPlan load(String name, String yaml) {
        Path file = DIR.resolve(name);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PlanLoader.Outcome outcome = CUTOVER.validate(file);
        assertTrue(outcome.isValid(), () -> "the test plan is not valid:\n" + outcome.problems().stream()
                .filter(Problem::isError).map(Problem::format).collect(Collectors.joining("\n")) + "\n" + yaml);
        return outcome.loaded();
    }

    static Path dir() {
        return DIR;
    }

    static Lint.Report lint(String yaml) {
        return Lint.check(load("plan-" + Math.abs(yaml.hashCode()) + ".yaml", yaml));
    }

    /** The findings of one rule. */
    static List<Finding> of(Lint.Report report, Rule rule) {
        return report.findings().stream().filter(f -> f.rule() == rule).toList();
    }

    /** A one-task sql plan, built up key by key. */
    static final class SqlPlan {
        private String url = PG;
        private String datasourceExtra = "";
        private String up = "SELECT 1;";
        private String down = "SELECT 1;";
        private final List<String> taskKeys = new ArrayList<>();
        private String checklist = "";

        SqlPlan url(String url) {
            this.url = url;
            return this;
        }

        SqlPlan lockTimeout() {
            datasourceExtra = ", lock_timeout: 5s";
            return this;
        }

        SqlPlan up(String sql) {
            this.up = sql;
            return this;
        }

        SqlPlan down(String sql) {
            this.down = sql;
            return this;
        }

        SqlPlan key(String line) {
            taskKeys.add(line);
            return this;
        }

        SqlPlan backupItem() {
            checklist = "checklist:\n  - id: backup\n    text: Full backup taken\n    manual: true\n";
            return this;
        }

        /** The YAML: {@code up} is a literal block whose first line is line 13 of the file. */
        String yaml() {
            StringBuilder out = new StringBuilder();
            out.append("cutover: 1\n");                                                   // 1
            out.append("name: lint-test\n");                                              // 2
            out.append("datasources:\n");                                                 // 3
            out.append("  db: {url: \"").append(url).append('"').append(datasourceExtra).append("}\n"); // 4
            out.append("phases:\n");                                                      // 5
            out.append("  - id: one\n");                                                  // 6
            out.append("    tasks:\n");                                                   // 7
            out.append("      - id: t\n");                                                // 8
            out.append("        type: sql\n");                                            // 9
            out.append("        datasource: db\n");                                       // 10
            out.append("        description: under test\n");                              // 11
            out.append("        up: |\n");                                                // 12
            up.strip().lines().forEach(l -> out.append("          ").append(l).append('\n'));  // 13...
            out.append("        down: |\n");
            down.strip().lines().forEach(l -> out.append("          ").append(l).append('\n'));
            taskKeys.forEach(k -> out.append("        ").append(k).append('\n'));
            return out.append(checklist).toString();
        }

        Lint.Report lint() {
            return LintPlans.lint(yaml());
        }
    }

    static SqlPlan sql() {
        return new SqlPlan();
    }
}
