package io.cutover.load;

import io.cutover.plan.Condition;
import io.cutover.plan.Condition.Op;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses a rollback-trigger condition:
 *
 * <pre>
 * condition  := or
 * or         := and ("or" and)*
 * and        := primary ("and" primary)*
 * primary    := "(" condition ")" | SIGNAL | METRIC op value
 * value      := NUMBER ["%"] | NUMBER "x" "baseline"
 * op         := &gt; | &gt;= | &lt; | &lt;= | == | !=
 * </pre>
 */
public final class ConditionParser {
    /** The signals cutover raises itself. */
    public static final Set<String> SIGNALS = Set.of("data_inconsistency");

    private final List<String> tokens;
    private int at;

    private ConditionParser(List<String> tokens) {
        this.tokens = tokens;
    }

    /** The parsed condition; an {@link IllegalArgumentException} says what is wrong in words. */
    public static Condition parse(String text) {
        ConditionParser parser = new ConditionParser(tokenize(text));
        if (parser.tokens.isEmpty()) {
            throw new IllegalArgumentException("the condition is empty: write e.g. 'error_rate > 1%'");
        }
        Condition result = parser.or();
        if (parser.at < parser.tokens.size()) {
            throw new IllegalArgumentException("unexpected '" + parser.tokens.get(parser.at)
                    + "': join comparisons with 'and' or 'or'");
        }
        return result;
    }

    private Condition or() {
        Condition left = and();
        while (accept("or")) {
            left = new Condition.Or(left, and());
        }
        return left;
    }

    private Condition and() {
        Condition left = primary();
        while (accept("and")) {
            left = new Condition.And(left, primary());
        }
        return left;
    }

    private Condition primary() {
        if (accept("(")) {
            Condition inner = or();
            if (!accept(")")) {
                throw new IllegalArgumentException("a '(' is never closed with ')'");
            }
            return inner;
        }
        String name = next("a metric name");
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("expected a metric name, found '" + name + "'");
        }
        Op op = peekOp();
        if (op == null) {
            if (SIGNALS.contains(name)) {
                return new Condition.Signal(name);
            }
            throw new IllegalArgumentException("'" + name + "' needs a comparison, such as '" + name + " > 0.01'"
                    + (Suggestions.closest(name, SIGNALS).map(s -> " (or did you mean the signal '" + s + "'?)").orElse("")));
        }
        at++;
        String number = next("a number");
        BigDecimal value;
        try {
            value = new BigDecimal(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a number after '" + op.symbol() + "', found '" + number + "'");
        }
        if (accept("%")) {
            return new Condition.Compare(name, op, value.movePointLeft(2), false);
        }
        if (accept("x")) {
            if (!accept("baseline")) {
                throw new IllegalArgumentException("expected 'baseline' after '" + number + "x'");
            }
            return new Condition.Compare(name, op, value, true);
        }
        return new Condition.Compare(name, op, value, false);
    }

    private Op peekOp() {
        if (at >= tokens.size()) {
            return null;
        }
        for (Op op : Op.values()) {
            if (op.symbol().equals(tokens.get(at))) {
                return op;
            }
        }
        if (tokens.get(at).equals("=")) {
            throw new IllegalArgumentException("'=' is not a comparison: write '=='");
        }
        return null;
    }

    private boolean accept(String token) {
        if (at < tokens.size() && tokens.get(at).equalsIgnoreCase(token)) {
            at++;
            return true;
        }
        return false;
    }

    private String next(String what) {
        if (at >= tokens.size()) {
            throw new IllegalArgumentException("the condition ends where " + what + " was expected");
        }
        return tokens.get(at++);
    }

    private static List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isDigit(c) || c == '.' || (c == '-' && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1)))) {
                int start = i++;
                while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
                    i++;
                }
                out.add(text.substring(start, i));
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                    i++;
                }
                out.add(text.substring(start, i));
            } else if ("<>=!".indexOf(c) >= 0) {
                int start = i++;
                if (i < text.length() && text.charAt(i) == '=') {
                    i++;
                }
                out.add(text.substring(start, i));
            } else if ("()%".indexOf(c) >= 0) {
                out.add(String.valueOf(c));
                i++;
            } else {
                throw new IllegalArgumentException("unexpected character '" + c + "' in the condition");
            }
        }
        return out;
    }
}
