package io.cutover;

import io.cutover.spi.Problem;
import java.util.List;

/**
 * A plan that cannot be used: it carries every problem found, sorted by position, so that a
 * person can fix them all in one pass.
 */
public class PlanInvalidException extends CutoverException {
    private static final long serialVersionUID = 1L;
    private final transient List<Problem> problems;

    public PlanInvalidException(List<Problem> problems) {
        super(ErrorCode.BAD_INPUT, summary(problems));
        this.problems = List.copyOf(problems);
    }

    /** The problems, errors and warnings, in file and line order. */
    public List<Problem> problems() {
        return problems;
    }

    private static String summary(List<Problem> problems) {
        StringBuilder text = new StringBuilder();
        for (Problem p : problems) {
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append(p.format());
        }
        return text.toString();
    }
}
