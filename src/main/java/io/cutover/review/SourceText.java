package io.cutover.review;

import java.util.Arrays;

/** The text of a file with its line starts indexed once, so that many positions are found fast. */
final class SourceText {
    private final String text;
    private final int[] lineStarts;

    SourceText(String text) {
        this.text = text;
        int[] starts = new int[16];
        int n = 0;
        starts[n++] = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                if (n == starts.length) {
                    starts = Arrays.copyOf(starts, n * 2);
                }
                starts[n++] = i + 1;
            }
        }
        this.lineStarts = Arrays.copyOf(starts, n);
    }

    String text() {
        return text;
    }

    int lines() {
        return lineStarts.length;
    }

    /** Line {@code n} (1-based) without its line break; empty past the end. */
    String line(int n) {
        if (n < 1 || n > lineStarts.length) {
            return "";
        }
        int end = n < lineStarts.length ? lineStarts[n] - 1 : text.length();
        return text.substring(lineStarts[n - 1], Math.max(lineStarts[n - 1], end));
    }

    /** The offset of a 1-based line and column (in code points); clamped to the text. */
    int offset(int line, int column) {
        if (line > lineStarts.length) {
            return text.length();
        }
        int start = lineStarts[Math.max(0, line - 1)];
        String l = line(line);
        int index = column - 1 <= l.codePointCount(0, l.length()) ? l.offsetByCodePoints(0, Math.max(0, column - 1)) : l.length();
        return start + index;
    }

    /** The 1-based line and column (in code points) of an offset. */
    int[] position(int offset) {
        int i = Arrays.binarySearch(lineStarts, offset);
        int line = i >= 0 ? i : -i - 2;
        return new int[] {line + 1, text.codePointCount(lineStarts[line], offset) + 1};
    }
}
