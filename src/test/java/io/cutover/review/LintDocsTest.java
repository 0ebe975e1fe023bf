package io.cutover.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code docs/lint-rules.md} documents exactly the rules cutover has, with their level, rationale and fix. */
class LintDocsTest {
    private static final Path DOCS = Path.of("docs/lint-rules.md");

    private static String flat(String text) {
        return text.replaceAll("\\s+", " ");
    }

    @Test
    void everyRuleHasItsSectionWithTheSameWords() throws IOException {
        String docs = flat(Files.readString(DOCS));
        for (Rule rule : Rules.ALL) {
            int at = docs.indexOf("### " + rule.id() + " ");
            assertTrue(at >= 0, "docs/lint-rules.md has no section '### " + rule.id() + "'");
            int next = docs.indexOf("### ", at + 4);
            String section = docs.substring(at, next < 0 ? docs.length() : next);
            assertTrue(section.contains("**Level:** " + rule.severity().label()), rule.id() + ": level");
            assertTrue(section.contains("**Why:** " + rule.rationale()), rule.id() + ": the rationale differs from Rules");
            assertTrue(section.contains("**Fix:** " + rule.fix()), rule.id() + ": the fix hint differs from Rules");
            assertTrue(docs.contains("| [`" + rule.id() + "`](#" + rule.id() + ") |"), rule.id() + ": missing from the table");
        }
    }

    @Test
    void noSectionForARuleThatDoesNotExist() throws IOException {
        Matcher m = Pattern.compile("(?m)^### ([a-z0-9-]+)$").matcher(Files.readString(DOCS));
        List<String> documented = new ArrayList<>();
        while (m.find()) {
            documented.add(m.group(1));
        }
        assertEquals(Rules.ALL.stream().map(Rule::id).toList(), documented);
    }
}
