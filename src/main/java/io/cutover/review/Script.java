package io.cutover.review;

import io.cutover.handlers.sql.Statement;
import io.cutover.handlers.sql.StatementSplitter;
import io.cutover.load.Interpolation;
import io.cutover.plan.Datasource.Engine;
import io.cutover.plan.SourceLocation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A SQL script of a task as written, and where each of its statements stands in the file: a
 * {@code |} block starts on the line after its key and keeps its lines and columns, a
 * {@code {file: ...}} script is its own file; any other value (plain, quoted, folded, on one line
 * or several) is searched for each statement's first words, in order from where the value starts.
 *
 * @param text    the script, references left as written
 * @param file    the file shown in findings (the plan, or the SQL file a task names)
 * @param start   where the value stands (the {@code |} of a block)
 * @param layout  how script positions map to the file
 * @param source  the whole text of {@code file}, or null when it cannot be read
 */
record Script(String text, String file, SourceLocation start, Layout layout, SourceText source) {

    /** How the value is written. */
    enum Layout { LITERAL_BLOCK, ONE_LINE, SEARCHED, OWN_FILE }

    /** A statement with its place in the file and what it changes. */
    record Located(Statement statement, SourceLocation location, List<SqlChange> changes) { }

    /** The statements, located; empty when the script cannot be split (validate reports that). */
    List<Located> statements(Engine engine) {
        List<Statement> statements;
        try {
            statements = StatementSplitter.split(Interpolation.finish(text, null, null), engine);
        } catch (IllegalArgumentException e) {
            return List.of();
        }
        List<Located> out = new ArrayList<>();
        int cursor = source == null ? 0 : source.offset(start.line(), start.column());
        for (Statement s : statements) {
            SourceLocation at;
            if (layout == Layout.SEARCHED) {
                // The value lies within a few times its own length of where it starts (indentation, folding).
                int end = (int) Math.min(source.text().length(), cursor + 4L * text.length() + 1000);
                Matcher m = firstWords(s.sql()).matcher(source.text()).region(cursor, end);
                boolean found = m.find();
                at = found ? at(m.start()) : start;
                cursor = found ? m.end() : cursor;
            } else {
                at = locate(s);
            }
            out.add(new Located(s, at, SqlReader.read(s.sql(), engine)));
        }
        return out;
    }

    private SourceLocation locate(Statement s) {
        return switch (layout) {
            case OWN_FILE -> new SourceLocation(file, s.line(), s.column());
            case LITERAL_BLOCK -> new SourceLocation(file, start.line() + s.line(), blockIndent() + s.column());
            case ONE_LINE -> new SourceLocation(file, start.line(), start.column() + s.column() - 1);
            case SEARCHED -> start;
        };
    }

    /** The indentation of a block's content: that of its first line with text. */
    private int blockIndent() {
        if (source == null) {
            return 0;
        }
        for (int n = start.line() + 1; n <= source.lines(); n++) {
            String line = source.line(n);
            if (!line.isBlank()) {
                return line.length() - line.stripLeading().length();
            }
        }
        return 0;
    }

    private static Pattern firstWords(String sql) {
        String words = Arrays.stream(sql.strip().split("\\s+")).limit(4).map(Pattern::quote).collect(Collectors.joining("\\s+"));
        return Pattern.compile(words);
    }

    private SourceLocation at(int offset) {
        int[] position = source.position(offset);
        return new SourceLocation(file, position[0], position[1]);
    }

    /**
     * How a value that starts at {@code start} in {@code source} is written: a {@code |} block maps line for line;
     * any other value is searched in the file (a folded or flow value may span lines that the value joins); with no
     * file text, a value with several lines is taken for a block and one line for a plain scalar.
     */
    static Layout layoutOf(String text, SourceLocation start, SourceText source) {
        if (source == null) {
            return text.strip().indexOf('\n') >= 0 ? Layout.LITERAL_BLOCK : Layout.ONE_LINE;
        }
        String line = source.line(start.line());
        int index = source.offset(start.line(), start.column()) - source.offset(start.line(), 1);
        return index < line.length() && line.charAt(index) == '|' ? Layout.LITERAL_BLOCK : Layout.SEARCHED;
    }
}
