package io.cutover.review;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Unified diffs of scripts, as {@code diff -u} writes them. */
class UnifiedDiffTest {
    @Test
    void oneChangedLineWithContext() {
        String before = "a\nb\nc\nd\ne\nf\ng\nh\n";
        String after = "a\nb\nc\nd\nE\nf\ng\nh\n";
        assertEquals("""
                --- old
                +++ new
                @@ -2,7 +2,7 @@
                 b
                 c
                 d
                -e
                +E
                 f
                 g
                 h
                """, UnifiedDiff.of(before, after, "old", "new"));
    }

    @Test
    void farApartChangesMakeTwoHunksAndNearOnesOne() {
        String before = String.join("\n", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12");
        String after = String.join("\n", "1x", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12x");
        String diff = UnifiedDiff.of(before, after, "a", "b");
        assertEquals(2, diff.lines().filter(l -> l.startsWith("@@")).count(), diff);
        assertEquals("@@ -1,4 +1,4 @@", diff.lines().toList().get(2));
        assertEquals("@@ -9,4 +9,4 @@", diff.lines().toList().get(8));
    }

    @Test
    void additionsToAnEmptyTextAndNoDiffForEqualTexts() {
        assertEquals("--- a\n+++ b\n@@ -0,0 +1,2 @@\n+x\n+y\n", UnifiedDiff.of("", "x\ny", "a", "b"));
        assertEquals("", UnifiedDiff.of("x\n", "x", "a", "b"));
    }
}
