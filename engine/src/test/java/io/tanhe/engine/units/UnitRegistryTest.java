package io.tanhe.engine.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class UnitRegistryTest {

    @Test
    void symbolsAreCaseSensitive() {
        assertTrue(UnitRegistry.symbol("Mt").isPresent());
        assertEquals(Optional.empty(), UnitRegistry.symbol("mt"));
        assertEquals(Optional.empty(), UnitRegistry.symbol("tco2"));
    }

    @Test
    void everySubstanceTakesEveryMassPrefix() {
        for (String prefix : new String[] {"t", "kg", "g", "kt", "Mt"}) {
            assertTrue(UnitRegistry.symbols().contains(prefix + "CO2e"), prefix);
            assertTrue(UnitRegistry.symbols().contains(prefix + "HFC245fa"), prefix);
        }
    }

    @Test
    void suggestionPrefersACaseInsensitiveMatchOverFewerEdits() {
        assertEquals(Optional.of("kWh"), UnitRegistry.suggest("KWH"));
        assertEquals(Optional.of("tCO2e"), UnitRegistry.suggest("TCO2E"));
        assertEquals(Optional.of("Nm3"), UnitRegistry.suggest("nm3"));
    }

    @Test
    void suggestionNeedsAtMostTwoEdits() {
        assertEquals(Optional.of("tHFC134a"), UnitRegistry.suggest("tHFC134"));
        assertEquals(Optional.empty(), UnitRegistry.suggest("tHFC9990"));
    }

    @Test
    void registeredUnitsHaveTheirOwnSymbolAsText() {
        for (String symbol : UnitRegistry.symbols()) {
            assertEquals(symbol, UnitRegistry.symbol(symbol).orElseThrow().text());
        }
    }
}
