package io.cutover.plan;

/**
 * Where something stands in a plan file: 1-based line and column.
 *
 * @param file   the file as the user named it
 * @param line   1-based line
 * @param column 1-based column
 */
public record SourceLocation(String file, int line, int column) implements Comparable<SourceLocation> {

    /** A location for a whole file, when nothing more precise is known. */
    public static SourceLocation start(String file) {
        return new SourceLocation(file, 1, 1);
    }

    @Override
    public int compareTo(SourceLocation other) {
        int byLine = Integer.compare(line, other.line);
        return byLine != 0 ? byLine : Integer.compare(column, other.column);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
