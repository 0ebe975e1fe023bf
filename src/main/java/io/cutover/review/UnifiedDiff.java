package io.cutover.review;

import java.util.ArrayList;
import java.util.List;

/** A unified diff of two texts by lines (longest common subsequence), with three lines of context. */
final class UnifiedDiff {
    private static final int CONTEXT = 3;

    private UnifiedDiff() {
    }

    private record Line(char op, String text, int oldLine, int newLine) { }

    /** The diff of {@code before} and {@code after} with {@code ---} / {@code +++} headers; empty when equal. */
    static String of(String before, String after, String oldName, String newName) {
        List<Line> lines = lines(split(before), split(after));
        if (lines.stream().allMatch(l -> l.op() == ' ')) {
            return "";
        }
        StringBuilder out = new StringBuilder("--- ").append(oldName).append('\n').append("+++ ").append(newName).append('\n');
        int i = 0;
        while (i < lines.size()) {
            if (lines.get(i).op() == ' ') {
                i++;
                continue;
            }
            int from = Math.max(0, i - CONTEXT);
            int to = i;
            int lastChange = i;
            while (to < lines.size() && to - lastChange <= 2 * CONTEXT) {
                if (lines.get(to).op() != ' ') {
                    lastChange = to;
                }
                to++;
            }
            to = Math.min(lines.size(), lastChange + CONTEXT + 1);
            hunk(out, lines.subList(from, to));
            i = to;
        }
        return out.toString();
    }

    private static void hunk(StringBuilder out, List<Line> hunk) {
        int oldStart = 0;
        int newStart = 0;
        int oldCount = 0;
        int newCount = 0;
        for (Line l : hunk) {
            if (l.op() != '+') {
                oldStart = oldStart == 0 ? l.oldLine() : oldStart;
                oldCount++;
            }
            if (l.op() != '-') {
                newStart = newStart == 0 ? l.newLine() : newStart;
                newCount++;
            }
        }
        if (oldCount == 0) {
            oldStart = hunk.get(0).oldLine() - 1;
        }
        if (newCount == 0) {
            newStart = hunk.get(0).newLine() - 1;
        }
        out.append("@@ -").append(range(oldStart, oldCount)).append(" +").append(range(newStart, newCount)).append(" @@\n");
        hunk.forEach(l -> out.append(l.op()).append(l.text()).append('\n'));
    }

    private static String range(int start, int count) {
        return count == 1 ? String.valueOf(start) : start + "," + count;
    }

    private static List<String> split(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        String t = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return List.of(t.split("\n", -1));
    }

    /** The edit script: ' ' kept, '-' only in a, '+' only in b; each line with its 1-based number on either side. */
    private static List<Line> lines(List<String> a, List<String> b) {
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Line> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                out.add(new Line(' ', a.get(i), ++i, ++j));
            } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
                out.add(new Line('-', a.get(i), ++i, j + 1));
            } else {
                out.add(new Line('+', b.get(j), i + 1, ++j));
            }
        }
        return out;
    }
}
