package io.cutover.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.plan.Condition;
import io.cutover.plan.Condition.Compare;
import io.cutover.plan.Condition.Op;
import java.math.BigDecimal;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionParserTest {

    @Test
    void percentIsAHundredth() {
        Compare c = (Compare) ConditionParser.parse("error_rate > 1%");
        assertEquals(new Compare("error_rate", Op.GT, new BigDecimal("0.01"), false), c);
    }

    @Test
    void baselineMultiples() {
        Compare c = (Compare) ConditionParser.parse("response_time > 2x baseline");
        assertEquals("response_time", c.metric());
        assertTrue(c.baseline());
        assertEquals(0, c.threshold().compareTo(new BigDecimal(2)));
        Compare spaced = (Compare) ConditionParser.parse("response_time >= 1.5 x baseline");
        assertEquals(Op.GE, spaced.op());
    }

    @Test
    void andBindsTighterThanOr() {
        Condition c = ConditionParser.parse("a > 1 or b > 2 and c < 3");
        Condition.Or or = (Condition.Or) c;
        assertTrue(or.right() instanceof Condition.And);
        assertEquals(Set.of("a", "b", "c"), c.metrics());
    }

    @Test
    void parenthesesGroup() {
        Condition c = ConditionParser.parse("(a > 1 or b > 2) and data_inconsistency");
        Condition.And and = (Condition.And) c;
        assertTrue(and.left() instanceof Condition.Or);
        assertEquals(new Condition.Signal("data_inconsistency"), and.right());
        assertEquals(Set.of("a", "b"), c.metrics());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "error_rate| needs a comparison",
        "error_rate >| ends where a number",
        "error_rate > x| expected a number",
        "error_rate = 1| write '=='",
        "(a > 1| never closed",
        "a > 1 b > 2| join comparisons",
        "a > 2x| expected 'baseline'",
        "a > 1 #| unexpected character",
        "data_inconsistancy| did you mean the signal 'data_inconsistency'",
        "''| empty"
    })
    void saysWhatIsWrong(String text, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConditionParser.parse(text));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void comparisonsEvaluate() {
        assertTrue(Op.GE.test(2, 2));
        assertTrue(Op.NE.test(1, 2));
        assertTrue(!Op.LT.test(2, 1));
    }
}
