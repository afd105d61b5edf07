package io.tanhe.engine.factors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tanhe.engine.units.Unit;
import io.tanhe.engine.units.UnitParseException;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class FactorValueTest {

    static FactorValue value(String factor, String key, String value, String unit, String from, String until) {
        return new FactorValue(factor, key, new BigDecimal(value), unit, from == null ? null : LocalDate.parse(from),
                until == null ? null : LocalDate.parse(until), "test source", null, Confidence.A, "1", null);
    }

    @Test
    void validFromIsInclusiveAndValidUntilExclusive() {
        FactorValue v = value("ef_grid", "", "0.5810", "tCO2/MWh", "2021-01-01", "2023-01-01");
        assertFalse(v.validOn(LocalDate.parse("2020-12-31")));
        assertTrue(v.validOn(LocalDate.parse("2021-01-01")));
        assertTrue(v.validOn(LocalDate.parse("2022-12-31")));
        assertFalse(v.validOn(LocalDate.parse("2023-01-01")));
    }

    @Test
    void openEndsAreValidForever() {
        assertTrue(value("x", "", "1", "1", null, null).validOn(LocalDate.MIN));
        assertTrue(value("x", "", "1", "1", null, "2020-01-01").validOn(LocalDate.parse("1900-01-01")));
        assertTrue(value("x", "", "1", "1", "2020-01-01", null).validOn(LocalDate.parse("2999-01-01")));
    }

    @Test
    void adjacentPeriodsDoNotOverlapButSharedDaysDo() {
        FactorValue early = value("x", "", "1", "1", null, "2021-01-01");
        FactorValue late = value("x", "", "2", "1", "2021-01-01", null);
        FactorValue middle = value("x", "", "3", "1", "2020-12-31", "2021-01-02");
        assertFalse(early.validityOverlaps(late));
        assertFalse(late.validityOverlaps(early));
        assertTrue(middle.validityOverlaps(early));
        assertTrue(middle.validityOverlaps(late));
        assertTrue(value("x", "", "1", "1", null, null).validityOverlaps(early));
    }

    @Test
    void keepsTheSourceDigitsAndParsesItsUnit() {
        FactorValue v = value("ncv", "bituminous", "19.570", "GJ/t", null, null);
        assertEquals("19.570", v.value().toPlainString());
        assertEquals(Unit.parse("GJ/t"), v.parsedUnit());
        assertEquals("ncv[bituminous]", v.label());
        assertEquals("heat", value("heat", "", "0.11", "tCO2/GJ", null, null).label());
        assertEquals("[…, 2021-01-01)", value("x", "", "1", "1", null, "2021-01-01").validityText());
    }

    @Test
    void rejectsAnUnparseableUnitAnEmptyPeriodAndAMissingSource() {
        assertThrows(UnitParseException.class, () -> value("x", "", "1", "tCo2", null, null));
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> value("x", "", "1", "1", "2021-01-01", "2021-01-01"));
        assertTrue(empty.getMessage().contains("empty validity for x"), empty.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FactorValue("x", "", BigDecimal.ONE, "1", null, null,
                " ", null, Confidence.B, "1", null));
    }
}
