package io.cutover.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The review Markdown of each sample plan (and of the fixtures) against its golden file in
 * {@code src/test/resources/review/golden/NAME.md}. A difference fails with a unified diff of
 * golden against actual. After a deliberate change, regenerate the files and review their diff:
 *
 * <pre>mvn test -Dtest=MarkdownGoldenTest -Dcutover.updateGoldens=true</pre>
 */
class MarkdownGoldenTest {
    static final Path GOLDEN = ReviewFixtures.RESOURCES.resolve("golden");
    private static final boolean UPDATE = Boolean.getBoolean("cutover.updateGoldens");

    @TestFactory
    Stream<DynamicTest> markdownMatchesItsGoldenFile() {
        return ReviewFixtures.cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    private static void check(ReviewFixtures.Case c) throws IOException {
        String actual = c.review().markdown("");
        Path golden = GOLDEN.resolve(c.name() + ".md");
        if (UPDATE) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, actual);
            return;
        }
        if (!Files.exists(golden)) {
            fail(golden + " is missing: create it with mvn test -Dtest=MarkdownGoldenTest -Dcutover.updateGoldens=true");
        }
        String expected = Files.readString(golden);
        if (!expected.equals(actual)) {
            fail("the review of " + c.plan() + " differs from " + golden + " (if the change is intended, run "
                    + "mvn test -Dtest=MarkdownGoldenTest -Dcutover.updateGoldens=true and review the files' diff):\n"
                    + UnifiedDiff.of(expected, actual, golden.toString(), "actual"));
        }
    }

    @Test
    void theSameInputGivesTheSameBytes() {
        ReviewFixtures.Case c = ReviewFixtures.cases().get(0);
        assertEquals(c.review().markdown(""), c.review().markdown(""));
    }

    @Test
    void everySamplePlanHasAGoldenFile() throws IOException {
        try (Stream<Path> files = Files.list(GOLDEN)) {
            long goldens = files.filter(p -> p.toString().endsWith(".md")).count();
            assertEquals(ReviewFixtures.cases().size(), goldens, "a golden file without a plan, or a plan without one");
        }
        assertFalse(ReviewFixtures.cases().stream().filter(c -> c.plan().startsWith("plans")).toList().isEmpty());
    }
}
