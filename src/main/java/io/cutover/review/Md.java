package io.cutover.review;

/** Markdown text pieces: escaped text, code spans, table cells and fenced blocks. */
final class Md {
    private Md() {
    }

    /**
     * Plain text with the characters escaped that would turn into markup mid-line: backslash, backtick, {@code *},
     * brackets, {@code <} and {@code |}. Underscores stay (GitHub does not emphasise inside words), so that
     * {@code error_rate} stays searchable.
     */
    static String text(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            if ("\\`*[]<|".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c == '\n' ? ' ' : c);
        }
        return out.length() > 0 && (out.charAt(0) == '#' || out.charAt(0) == '>' || out.charAt(0) == '-') ? "\\" + out : out.toString();
    }

    /** A code span that survives backticks inside it; also safe in a table cell. */
    static String code(String s) {
        String one = s.replace('\n', ' ').replace("|", "\\|");
        String fence = one.contains("`") ? "``" : "`";
        String pad = one.startsWith("`") || one.endsWith("`") ? " " : "";
        return fence + pad + one + pad + fence;
    }

    /** A fenced block of {@code lang}, with a fence longer than any backtick run inside. */
    static String block(String lang, String body, String indent) {
        String fence = body.contains("```") ? "````" : "```";
        StringBuilder out = new StringBuilder(indent).append(fence).append(lang).append('\n');
        body.lines().forEach(l -> out.append(l.isEmpty() ? "" : indent).append(l).append('\n'));
        return out.append(indent).append(fence).append('\n').toString();
    }

    /** A table row of cells (already escaped or code). */
    static String row(String... cells) {
        return "| " + String.join(" | ", cells) + " |\n";
    }
}
