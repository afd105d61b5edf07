package io.tanhe.engine.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UnitTest {

    private static final double EXACT = 1e-15;

    private static void assertExactly(double expected, double actual) {
        assertEquals(expected, actual, Math.abs(expected) * EXACT, () -> "expected " + expected + " but was " + actual);
    }

    private static double factor(String from, String to) {
        return Unit.parse(from).conversionFactor(Unit.parse(to));
    }

    @ParameterizedTest
    @ValueSource(strings = {"t", "kg", "g", "kt", "Mt", "GJ", "TJ", "MJ", "kJ", "kWh", "MWh", "GWh", "kW", "MW",
            "m3", "Nm3", "10^4 Nm3", "L", "h", "min", "s", "d", "%", "1", "tC", "tCO2", "kgCO2", "gCO2", "tCO2e",
            "kgCO2e", "tCH4", "kgCH4", "tN2O", "kgN2O", "tSF6", "kgSF6", "tCF4", "kgCF4", "tC2F6", "kgC2F6", "tNF3",
            "tHFC23", "tHFC32", "tHFC125", "tHFC134a", "kgHFC143a", "tHFC152a", "tHFC227ea", "tHFC236fa",
            "tHFC245fa", "GJ/t", "tC/GJ", "tC/TJ", "tCO2/MWh", "kgCO2/kWh", "GJ/10^4 Nm3", "t/h", "Nm3/h", "kJ/kg",
            "tCO2e/tCH4", "degC", "kJ/(kg·degC)", "tCO2/t", "h^-1", "m3^2"})
    void everyUnitOfTheGuidelinesParsesAndItsTextParsesBackToTheSameUnit(String text) {
        Unit unit = Unit.parse(text);
        assertEquals(unit, Unit.parse(unit.text()));
    }

    @ParameterizedTest
    @CsvSource({
            "tC/TJ, tC/GJ, 0.001",
            "%, 1, 0.01",
            "kWh, MJ, 3.6",
            "kWh, MWh, 0.001",
            "MWh, GJ, 3.6",
            "GWh, TJ, 3.6",
            "kg, t, 0.001",
            "g, kg, 0.001",
            "Mt, kt, 1000",
            "GJ/10^4 Nm3, GJ/Nm3, 0.0001",
            "kJ/Nm3, GJ/10^4 Nm3, 0.01",
            "kJ/kg, GJ/t, 0.001",
            "MJ/kg, GJ/t, 1",
            "kgCO2/kWh, tCO2/MWh, 1",
            "gCO2/kWh, kgCO2/MWh, 1",
            "L, m3, 0.001",
            "min, s, 60",
            "d, h, 24",
            "h, s, 3600",
            "kW, kJ/s, 1",
            "MW·h, MWh, 1",
            "t/h, kg/s, 0.2777777777777778",
            "10^4 Nm3, Nm3, 10000",
            "kgCF4/t, tCF4/t, 0.001",
    })
    void compatibleUnitsConvertByExactDecimalFactors(String from, String to, double expected) {
        assertExactly(expected, factor(from, to));
    }

    @Test
    void conversionFactorIsAlsoAvailableAsAnExactDecimal() {
        BigDecimal factor = Unit.parse("tC/TJ").conversionFactor(Unit.parse("tC/GJ"), MathContext.DECIMAL64);
        assertEquals(0, new BigDecimal("0.001").compareTo(factor));
        assertEquals(0, new BigDecimal("3.6").compareTo(
                Unit.parse("kWh").conversionFactor(Unit.parse("MJ"), MathContext.DECIMAL64)));
    }

    @Test
    void scalesAreRelativeToTonneGigajouleCubicMetreAndHour() {
        assertExactly(1, Unit.parse("tCO2").scale());
        assertExactly(1, Unit.parse("GJ").scale());
        assertExactly(1, Unit.parse("Nm3").scale());
        assertExactly(1, Unit.parse("h").scale());
        assertExactly(0.001, Unit.parse("tC/TJ").scale());
        assertExactly(0.0036, Unit.parse("kWh").scale());
        assertExactly(1e4, Unit.parse("10^4 Nm3").scale());
    }

    @Test
    void juxtapositionIsAProductSoTheDenominatorTakesTheWholeProduct() {
        Unit unit = Unit.parse("GJ/10^4 Nm3");
        assertEquals(Unit.parse("GJ/(10^4·Nm3)"), unit);
        assertEquals(Unit.parse("GJ").divide(Unit.scalar(1e4).multiply(Unit.parse("Nm3"))), unit);
        assertEquals("GJ/10^4 Nm3", unit.text());
    }

    @Test
    void repeatedSlashDividesByTheProductOfTheRest() {
        assertEquals(Unit.parse("tCO2/(t·h)"), Unit.parse("tCO2/t/h"));
    }

    @Test
    void algebraComposesDimensionAndScale() {
        Unit ncv = Unit.parse("GJ/t");
        Unit cc = Unit.parse("tC/GJ");
        assertEquals(Unit.parse("tC/t"), ncv.multiply(cc));
        assertEquals(Unit.parse("t"), Unit.parse("t/h").multiply(Unit.parse("h")));
        assertEquals(Unit.parse("m3").multiply(Unit.parse("m3")), Unit.parse("m3").pow(2));
        assertEquals(Unit.parse("1/h"), Unit.parse("h").pow(-1));
        assertEquals(Unit.ONE, Unit.parse("h").pow(0));
        assertTrue(Unit.parse("tCO2/tCO2").isDimensionless());
        assertTrue(Unit.parse("t").divide(Unit.parse("kg")).isDimensionless());
        assertExactly(1000, Unit.parse("t").divide(Unit.parse("kg")).scale());
    }

    @Test
    void powersBeyondNinetyNineAreRefusedRatherThanComputedWithoutBound() {
        assertEquals(Unit.parse("kg^-99"), Unit.parse("kg").pow(-99));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Unit.parse("kg").pow(Integer.MAX_VALUE));
        assertTrue(e.getMessage().contains("beyond ±99"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Unit.parse("kg").pow(Integer.MIN_VALUE));
        assertFalse(Unit.parse("kg^99").canRaiseTo(2), "a scale of 1e-594 is no double");
        assertTrue(Unit.parse("t^99").canRaiseTo(99), "t is the base unit: its powers all have scale 1");
    }

    @Test
    void aParsedPowerWhoseScaleNoDoubleHoldsIsAParseError() {
        UnitParseException e = assertThrows(UnitParseException.class, () -> Unit.parse("(kg^99)^99"));
        assertTrue(e.getMessage().contains("beyond what a double holds"), e.getMessage());
    }

    @Test
    void powerIsEnergyPerTime() {
        assertTrue(Unit.parse("kW").isCompatible(Unit.parse("GJ/h")));
        assertEquals(Unit.parse("kWh"), Unit.parse("kW").multiply(Unit.parse("h")));
    }

    @Test
    void canonicalTextNormalisesOperatorsAndParenthesisesOnlyWhereNeeded() {
        assertEquals("GJ/t", Unit.parse(" GJ / t ").text());
        assertEquals("kg·m3", Unit.parse("kg*m3").text());
        assertEquals("t", Unit.parse("(t)").text());
        assertEquals("(GJ/t)·t", Unit.parse("GJ/t").multiply(Unit.parse("t")).text());
        assertEquals("GJ/t/h", Unit.parse("GJ/t").divide(Unit.parse("h")).text());
        assertEquals("tCO2/(GJ/t)", Unit.parse("tCO2").divide(Unit.parse("GJ/t")).text());
        assertEquals("(t/h)^2", Unit.parse("t/h").pow(2).text());
        assertEquals("10^4 Nm3", Unit.parse("10^4Nm3").text());
        assertEquals("1/h", Unit.parse("1/h").text());
    }

    @Test
    void oneAndPercentAreDimensionless() {
        assertTrue(Unit.parse("1").isDimensionless());
        assertEquals(Unit.ONE, Unit.parse("1"));
        assertTrue(Unit.parse("%").isDimensionless());
        assertNotEquals(Unit.ONE, Unit.parse("%"));
        assertTrue(Unit.parse("%").isCompatible(Unit.ONE));
    }

    @Test
    void scalarKeepsExactDecimalsAndRejectsNonPositiveFactors() {
        assertEquals("10000", Unit.scalar(1e4).text());
        assertExactly(0.01, Unit.scalar(0.01).conversionFactor(Unit.ONE));
        assertEquals(Unit.parse("%"), Unit.scalar(0.01));
        assertThrows(IllegalArgumentException.class, () -> Unit.scalar(0));
        assertThrows(IllegalArgumentException.class, () -> Unit.scalar(-1));
        assertThrows(IllegalArgumentException.class, () -> Unit.scalar(Double.NaN));
    }

    @Test
    void equalUnitsHaveEqualHashCodesAndTextDoesNotCount() {
        Unit a = Unit.parse("kWh");
        Unit b = Unit.parse("kW h");
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(Unit.parse("MWh"), Unit.parse("GJ"));
        assertNotEquals(Unit.parse("tCO2"), Unit.parse("t"));
    }

    @Test
    void substancesNeverConvertIntoEachOther() {
        IncompatibleUnitsException e = assertThrows(IncompatibleUnitsException.class, () -> factor("tC", "tCO2"));
        assertTrue(e.getMessage().contains("`tC` (mass of C)"), e.getMessage());
        assertTrue(e.getMessage().contains("`tCO2` (mass of CO2)"), e.getMessage());
        assertTrue(e.getMessage().contains("44/12"), e.getMessage());
        assertEquals(Unit.parse("tC"), e.from());
        assertEquals(Unit.parse("tCO2"), e.to());
        assertThrows(IncompatibleUnitsException.class, () -> factor("tCH4", "tCO2e"));
        assertThrows(IncompatibleUnitsException.class, () -> factor("tCO2", "tCO2e"));
        assertThrows(IncompatibleUnitsException.class, () -> factor("tCO2", "t"));
        assertFalse(Unit.parse("tC/GJ").isCompatible(Unit.parse("tCO2/GJ")));
    }

    @Test
    void substanceConversionNeedsAnExplicitFactor() {
        Unit carbon = Unit.parse("tC");
        Unit ratio = Unit.parse("tCO2/tC");
        assertEquals(Unit.parse("tCO2"), carbon.multiply(ratio));
    }

    @Test
    void normalVolumeIsNotVolume() {
        IncompatibleUnitsException e = assertThrows(IncompatibleUnitsException.class, () -> factor("Nm3", "m3"));
        assertEquals("cannot convert `Nm3` (volume at standard state) to `m3` (volume)", e.getMessage());
        assertThrows(IncompatibleUnitsException.class, () -> factor("GJ/10^4 Nm3", "GJ/t"));
    }

    @Test
    void incompatibleMessageDescribesCompositeDimensionsInWords() {
        IncompatibleUnitsException e = assertThrows(IncompatibleUnitsException.class, () -> factor("tCO2/MWh", "tCO2/t"));
        assertEquals("cannot convert `tCO2/MWh` (mass of CO2 per energy) to `tCO2/t` (mass of CO2 per mass)",
                e.getMessage());
    }

    @Test
    void flueGasQuantitiesConvertAsAnalysersReportThem() {
        assertEquals(1000, factor("kPa", "Pa"), 1e-12);
        assertEquals(0.1, factor("hPa", "kPa"), 1e-15);
        assertEquals(3600, factor("m3/s", "m3/h"), 1e-9);
        assertEquals(1e-6, factor("mgCO2/Nm3", "kgCO2/Nm3"), 1e-20);
        assertEquals(1, factor("kgCO2/kmol", "gCO2/mol"), 1e-15);
        assertTrue(Unit.parse("m2*m/s").isCompatible(Unit.parse("m3/h")), "area × velocity is a volume flow");
        assertEquals(3600, factor("m2*m/s", "m3/h"), 1e-9);
        assertFalse(Unit.parse("kPa").isCompatible(Unit.parse("degC")));
        assertFalse(Unit.parse("mgCO2/m3").isCompatible(Unit.parse("mgCO2/Nm3")), "actual and standard volumes never convert");
        assertTrue(Unit.parse("(kgCO2/kmol)/(Nm3/kmol)").isCompatible(Unit.parse("kgCO2/Nm3")), "M/22.4 is a density");
    }
}
