package io.cutover.review;

import io.cutover.plan.Datasource.Engine;

/**
 * A statement reduced to its code, for pattern matching: comments become one space, the contents
 * of string literals and dollar-quoted bodies are dropped ({@code 'DROP TABLE x'} becomes
 * {@code ''}), runs of white space become one space. Quoted identifiers stay. The quoting rules
 * follow the engine as {@link io.cutover.handlers.sql.StatementSplitter} does: MariaDB's backslash
 * escapes, {@code #} comments, {@code "..."} strings and {@code `...`} names; PostgreSQL's
 * {@code E'...'} strings, nesting block comments and {@code $tag$} bodies.
 */
final class SqlCode {
    private final String sql;
    private final boolean maria;
    private final StringBuilder out = new StringBuilder();
    private int i;

    private SqlCode(String sql, Engine engine) {
        this.sql = sql;
        this.maria = engine == Engine.MARIADB;
    }

    /** The code of {@code sql}, trimmed, white space collapsed. */
    static String strip(String sql, Engine engine) {
        return new SqlCode(sql, engine).run().replaceAll("\\s+", " ").strip();
    }

    private String run() {
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (startsLineComment()) {
                skipTo('\n');
                out.append(' ');
            } else if (c == '/' && peek(1) == '*') {
                skipBlockComment();
                out.append(' ');
            } else if (c == '\'') {
                boolean escapes = maria || (i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e')
                        && (i < 2 || !Character.isLetterOrDigit(sql.charAt(i - 2))));
                skipQuoted('\'', escapes);
                out.append("''");
            } else if (c == '"' && maria) {
                skipQuoted('"', true);
                out.append("''");
            } else if (c == '"' || c == '`') {
                int start = i;
                skipQuoted(c, false);
                out.append(sql, start, i);
            } else if (c == '$' && !maria && dollarTag() != null) {
                skipDollarBody(dollarTag());
                out.append("$$ $$");
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private boolean startsLineComment() {
        char c = sql.charAt(i);
        if (c == '#' && maria) {
            return true;
        }
        if (c != '-' || peek(1) != '-') {
            return false;
        }
        return !maria || i + 2 >= sql.length() || Character.isWhitespace(sql.charAt(i + 2)) || sql.charAt(i + 2) < ' ';
    }

    private char peek(int ahead) {
        return i + ahead < sql.length() ? sql.charAt(i + ahead) : '\0';
    }

    private void skipTo(char end) {
        int at = sql.indexOf(end, i);
        i = at < 0 ? sql.length() : at;
    }

    private void skipBlockComment() {
        int depth = 0;
        while (i < sql.length()) {
            if (sql.startsWith("/*", i)) {
                depth = maria ? 1 : depth + 1;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                i++;
            }
        }
    }

    /** Skips a quoted run whose doubled quote is the quote itself; with escapes, a backslash escapes too. */
    private void skipQuoted(char quote, boolean escapes) {
        i++;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (escapes && c == '\\') {
                i += 2;
            } else if (c == quote && peek(1) == quote) {
                i += 2;
            } else if (c == quote) {
                i++;
                return;
            } else {
                i++;
            }
        }
    }

    /** The {@code $tag$} that opens a dollar-quoted body here, or null ({@code $1} and {@code a$b} are not). */
    private String dollarTag() {
        if (i > 0 && (Character.isLetterOrDigit(sql.charAt(i - 1)) || sql.charAt(i - 1) == '_')) {
            return null;
        }
        int j = i + 1;
        if (j < sql.length() && (Character.isLetter(sql.charAt(j)) || sql.charAt(j) == '_')) {
            while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
                j++;
            }
        }
        return j < sql.length() && sql.charAt(j) == '$' ? sql.substring(i, j + 1) : null;
    }

    private void skipDollarBody(String tag) {
        int end = sql.indexOf(tag, i + tag.length());
        i = end < 0 ? sql.length() : end + tag.length();
    }
}
