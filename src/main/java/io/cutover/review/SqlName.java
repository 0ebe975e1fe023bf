package io.cutover.review;

import java.util.Locale;

/**
 * Names of tables, indexes and columns as SQL compares them: unquoted names are case-insensitive,
 * quotes and backticks are dropped, and a name without a schema matches the same name with one.
 */
final class SqlName {
    private SqlName() {
    }

    /** {@code "Public".Orders} becomes {@code Public.orders}: quoted parts keep their case. */
    static String normal(String name) {
        StringBuilder out = new StringBuilder();
        StringBuilder part = new StringBuilder();
        char quote = 0;
        for (char c : name.strip().toCharArray()) {
            if (quote != 0) {
                part.append(c);
                quote = c == quote ? 0 : quote;
            } else if (c == '"' || c == '`') {
                quote = c;
                part.append(c);
            } else if (c == '.') {
                out.append(normalPart(part.toString())).append('.');
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        return out.append(normalPart(part.toString())).toString();
    }

    private static String normalPart(String part) {
        String p = part.strip();
        boolean quoted = p.length() >= 2 && (p.startsWith("\"") && p.endsWith("\"") || p.startsWith("`") && p.endsWith("`"));
        return quoted ? p.substring(1, p.length() - 1) : p.toLowerCase(Locale.ROOT);
    }

    /** The name without its schema. */
    static String local(String name) {
        String n = normal(name);
        int dot = n.lastIndexOf('.');
        return dot < 0 ? n : n.substring(dot + 1);
    }

    /** True when both name the same object: equal, or equal without the schema where one side has none. */
    static boolean same(String a, String b) {
        String x = normal(a);
        String y = normal(b);
        if (x.equals(y)) {
            return true;
        }
        boolean qualifiedX = x.contains(".");
        boolean qualifiedY = y.contains(".");
        return qualifiedX != qualifiedY && local(x).equals(local(y));
    }
}
