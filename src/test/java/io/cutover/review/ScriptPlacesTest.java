package io.cutover.review;

import static io.cutover.review.LintPlans.lint;
import static io.cutover.review.LintPlans.of;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Findings inside scripts stand where the statement is written, whatever the YAML style of the script. */
class ScriptPlacesTest {
    private static final String PLAN = """
            cutover: 1
            name: places
            datasources:
              db: {url: "jdbc:postgresql://db/app", lock_timeout: 5s}
            phases:
              - id: one
                tasks:
                  - id: t
                    type: sql
                    datasource: db
                    irreversible: true
            %s
            """;

    private static List<String> places(String up) {
        return of(lint(PLAN.formatted(up)), Rules.DESTRUCTIVE_STATEMENT).stream()
                .map(f -> f.location().line() + ":" + f.location().column()).toList();
    }

    @Test
    void aLiteralBlockKeepsLinesAndIndentation() {
        assertEquals(List.of("14:11", "16:13"), places("""
                        up: |
                          SELECT 1;
                          DROP TABLE a;
                          -- a comment
                            TRUNCATE b;
                """));
    }

    @Test
    void aOneLineValueKeepsColumns() {
        assertEquals(List.of("12:23", "12:37"), places("        up: SELECT 1; DROP TABLE a; TRUNCATE b;"));
        assertEquals(List.of("12:24"), places("        up: \"SELECT 1; DROP TABLE a;\""));
        assertEquals(List.of("12:24"), places("        up: 'SELECT 1; DROP TABLE a;'"));
    }

    @Test
    void aFoldedOrMultiLineValueIsSearchedStatementByStatement() {
        assertEquals(List.of("14:11", "15:11"), places("""
                        up: >-
                          SELECT 1;
                          DROP TABLE a;
                          DROP TABLE a;
                """));
        assertEquals(List.of("13:11"), places("""
                        up: SELECT 1;
                          DROP   TABLE  a;
                """));
    }

    @Test
    void aScriptFileIsItsOwnPlace() throws IOException {
        Files.createDirectories(LintPlans.dir().resolve("sql"));
        Files.writeString(LintPlans.dir().resolve("sql/up.sql"), "-- cleanup\nSELECT 1;\n\n  DROP TABLE a;\n");
        Finding f = of(lint(PLAN.formatted("        up: {file: sql/up.sql}")), Rules.DESTRUCTIVE_STATEMENT).get(0);
        assertEquals(LintPlans.dir().resolve("sql/up.sql").toString(), f.location().file());
        assertEquals(4, f.location().line());
        assertEquals(3, f.location().column());
    }
}
