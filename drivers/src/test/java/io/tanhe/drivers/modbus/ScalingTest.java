package io.tanhe.drivers.modbus;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScalingTest {
    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    void linearScalingIsExactDecimalArithmetic() throws DecodeException {
        assertEquals("123.45", new Scaling.Linear(d("0.01"), BigDecimal.ZERO).apply(d("12345")).toPlainString());
        assertEquals("25.5", new Scaling.Linear(d("0.1"), d("-40")).apply(d("655")).toPlainString());
        assertEquals("12345.678", Scaling.NONE.apply(d("12345.678")).toPlainString());
    }

    @Test
    void expressionComputesInDecimalAndIsCompiledOnce() throws DecodeException {
        Scaling.Expression e = new Scaling.Expression("x * 0.1 - 40");
        assertEquals("25.5", e.apply(d("655")).toPlainString());
        assertEquals("-40", e.apply(d("0")).toPlainString());
        assertEquals("1000", new Scaling.Expression("x * 1000").apply(d("1")).toPlainString());
        assertEquals("50", new Scaling.Expression("x > 100 ? 100 : x / 2").apply(d("100")).toPlainString());
    }

    @Test
    void expressionThatDoesNotCompileIsRejectedAtLoad() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Scaling.Expression("x * (2"));
        assertTrue(e.getMessage().startsWith("expression `x * (2` does not compile"), e.getMessage());
    }

    @Test
    void expressionThatGivesNoNumberIsADecodeError() {
        Scaling.Expression e = new Scaling.Expression("'text'");
        DecodeException ex = assertThrows(DecodeException.class, () -> e.apply(d("1")));
        assertEquals("expression ''text'' gave text, not a number", ex.getMessage());
    }
}
