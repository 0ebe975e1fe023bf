package io.cutover.plan;

import java.math.BigDecimal;
import java.util.Set;
import java.util.TreeSet;

/**
 * A parsed rollback-trigger condition: comparisons of a metric with a number or with a multiple of
 * its baseline, built-in signals, combined with {@code and} / {@code or}.
 */
public sealed interface Condition {

    /** The metric names this condition reads. */
    default Set<String> metrics() {
        Set<String> names = new TreeSet<>();
        collect(this, names);
        return names;
    }

    private static void collect(Condition c, Set<String> into) {
        if (c instanceof Compare cmp) {
            into.add(cmp.metric());
        } else if (c instanceof And and) {
            collect(and.left(), into);
            collect(and.right(), into);
        } else if (c instanceof Or or) {
            collect(or.left(), into);
            collect(or.right(), into);
        }
    }

    /** Comparison operators. */
    enum Op {
        GT(">"), GE(">="), LT("<"), LE("<="), EQ("=="), NE("!=");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public boolean test(double left, double right) {
            return switch (this) {
                case GT -> left > right;
                case GE -> left >= right;
                case LT -> left < right;
                case LE -> left <= right;
                case EQ -> left == right;
                case NE -> left != right;
            };
        }
    }

    /** {@code metric op threshold}, or {@code metric op N x baseline} when {@code baseline} is set. */
    record Compare(String metric, Op op, BigDecimal threshold, boolean baseline) implements Condition { }

    /** A built-in signal, such as {@code data_inconsistency}. */
    record Signal(String name) implements Condition { }

    /** Both hold. */
    record And(Condition left, Condition right) implements Condition { }

    /** Either holds. */
    record Or(Condition left, Condition right) implements Condition { }
}
