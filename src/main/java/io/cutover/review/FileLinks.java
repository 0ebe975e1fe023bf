package io.cutover.review;

import io.cutover.plan.SourceLocation;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * How findings point at files: a URI relative to the working directory (as code scanning and a
 * repository's file view expect), a {@code file:} URI for a file outside it, and in Markdown a link
 * to the line, prefixed with {@code --link-base} (such as a repository's blob URL at the pull
 * request's commit) when one is given.
 */
final class FileLinks {
    private final String base;

    FileLinks(String base) {
        this.base = base == null ? "" : base;
    }

    /** The file as a URI reference: relative to the working directory when inside it, else a file: URI. */
    static String uri(String file) {
        Path path = Path.of(file);
        Path cwd = Path.of("").toAbsolutePath();
        if (path.isAbsolute()) {
            Path normal = path.normalize();
            if (!normal.startsWith(cwd)) {
                return normal.toUri().toString();
            }
            path = cwd.relativize(normal);
        }
        String slashes = path.normalize().toString().replace('\\', '/');
        try {
            return new URI(null, null, slashes, null).getRawPath();
        } catch (URISyntaxException e) {
            return slashes;
        }
    }

    /** The link to a line: {@code base + uri#L12}. */
    String link(SourceLocation at) {
        String uri = uri(at.file());
        boolean relative = !uri.contains(":");
        return (relative ? base : "") + uri + "#L" + at.line();
    }

    /** The text of a link to a line: {@code plans/x.yaml:12}. */
    static String label(SourceLocation at) {
        return at.file() + ":" + at.line();
    }
}
