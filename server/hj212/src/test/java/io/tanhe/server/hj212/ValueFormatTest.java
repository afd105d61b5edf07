package io.tanhe.server.hj212;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ValueFormatTest {

    @Test
    void roundsHalfUpToTheFormatsDecimals() {
        assertEquals("12.346", ValueFormat.parse("N12.3").format(new BigDecimal("12.3455")));
        assertEquals("-0.500", ValueFormat.parse("N12.3").format(new BigDecimal("-0.5")));
        assertEquals("13", ValueFormat.parse("N3").format(new BigDecimal("12.5")));
    }

    @Test
    void tooManyIntegerDigitsIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ValueFormat.parse("N3.3").format(new BigDecimal("1234.5")));
        assertEquals("1234.5 has 4 integer digits; N3.3 allows 3", e.getMessage());
    }

    @Test
    void formatsThatCannotFitEighteenCharactersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ValueFormat.parse("N16.2"));
        assertThrows(IllegalArgumentException.class, () -> ValueFormat.parse("N14.3"));
        assertThrows(IllegalArgumentException.class, () -> ValueFormat.parse("14.2"));
        assertEquals(new ValueFormat(14, 2), ValueFormat.parse("N14.2"));
    }
}
