package io.cutover.spi;

import io.cutover.plan.SourceLocation;

/**
 * One finding about a plan: an error makes the plan invalid, a warning does not.
 *
 * @param severity error or warning
 * @param location where it stands in the plan file
 * @param path     the plan path, such as {@code phases[1].tasks[0]}; empty at the top level
 * @param message  what is wrong and what to change, in the author's words
 */
public record Problem(Severity severity, SourceLocation location, String path, String message)
        implements Comparable<Problem> {

    /** How bad a problem is. */
    public enum Severity { ERROR, WARNING }

    public Problem {
        path = path == null ? "" : path;
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code file:line:col: path: message}, the form of {@code cli.md}. */
    public String format() {
        String prefix = severity == Severity.WARNING ? "warning: " : "";
        return location + ": " + (path.isEmpty() ? "" : path + ": ") + prefix + message;
    }

    @Override
    public int compareTo(Problem other) {
        int byFile = location.file().compareTo(other.location.file());
        if (byFile != 0) {
            return byFile;
        }
        int byPlace = location.compareTo(other.location);
        return byPlace != 0 ? byPlace : message.compareTo(other.message);
    }
}
