package io.tanhe.engine.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DimensionTest {

    @Test
    void toStringIsCompactAndDescribeIsPlainWords() {
        Dimension ef = Unit.parse("tCO2/GJ").dimension();
        assertEquals("mass[CO2]/energy", ef.toString());
        assertEquals("mass of CO2 per energy", ef.describe());

        Dimension heatCapacity = Unit.parse("kJ/(kg·degC)").dimension();
        assertEquals("energy/(mass·temperature)", heatCapacity.toString());
        assertEquals("energy per (mass × temperature difference)", heatCapacity.describe());

        assertEquals("volume^2", Unit.parse("m3^2").dimension().toString());
        assertEquals("volume squared", Unit.parse("m3^2").dimension().describe());
        assertEquals("1/time", Unit.parse("1/h").dimension().toString());
        assertEquals("dimensionless", Dimension.NONE.toString());
        assertEquals("dimensionless (a pure number)", Unit.parse("%").dimension().describe());
    }

    @Test
    void zeroExponentsVanishSoEqualDimensionsAreEqual() {
        Dimension mass = Dimension.of(BaseDimension.MASS);
        assertEquals(Dimension.NONE, mass.divide(mass));
        assertEquals(Dimension.NONE, new Dimension(Map.of(BaseDimension.TIME, 0)));
        assertTrue(mass.divide(mass).isNone());
        assertEquals(-1, Dimension.NONE.divide(mass).exponent(BaseDimension.MASS));
        assertEquals(0, mass.exponent(BaseDimension.ENERGY));
    }

    @Test
    void everySubstanceHasItsOwnMassBase() {
        assertEquals(Optional.of(BaseDimension.MASS_HFC134A), BaseDimension.ofSubstance("HFC134a"));
        assertEquals(Optional.empty(), BaseDimension.ofSubstance("CO"));
        for (BaseDimension base : BaseDimension.values()) {
            base.substance().ifPresent(formula ->
                    assertEquals(Dimension.of(base), Unit.parse("kg" + formula).dimension()));
        }
    }
}
