package io.tanhe.engine.factors;

import static io.tanhe.engine.factors.FactorValueTest.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FactorLibraryTest {

    private static final FactorValue GRID_2019 = value("ef_grid", "", "0.6101", "tCO2/MWh", null, "2021-01-01");
    private static final FactorValue GRID_2021 = value("ef_grid", "", "0.5810", "tCO2/MWh", "2021-01-01", "2023-01-01");
    private static final FactorValue GRID_2023 = value("ef_grid", "", "0.5703", "tCO2/MWh", "2023-01-01", "2026-01-01");
    private static final FactorValue NCV_COAL = value("ncv", "bituminous", "19.570", "GJ/t", null, null);
    private static final FactorValue NCV_COKE = value("ncv", "coke", "28.447", "GJ/t", null, null);

    private static final FactorLibrary LIBRARY = FactorLibrary.of("test", "1",
            List.of(GRID_2023, NCV_COAL, GRID_2019, NCV_COKE, GRID_2021));

    private static Optional<String> grid(FactorLibrary library, String date) {
        return library.lookup("ef_grid", "", LocalDate.parse(date)).map(v -> v.value().toPlainString());
    }

    @Test
    void lookupPicksTheValueValidOnTheMeasurementDate() {
        assertEquals(Optional.of("0.6101"), grid(LIBRARY, "2020-12-31"));
        assertEquals(Optional.of("0.5810"), grid(LIBRARY, "2021-01-01"));
        assertEquals(Optional.of("0.5810"), grid(LIBRARY, "2022-12-31"));
        assertEquals(Optional.of("0.5703"), grid(LIBRARY, "2023-01-01"));
        assertEquals(Optional.of("0.5703"), grid(LIBRARY, "2025-12-31"));
    }

    @Test
    void noValueOnADateIsEmptyNeverZero() {
        assertEquals(Optional.empty(), grid(LIBRARY, "2026-01-01"));
        assertEquals(Optional.empty(), LIBRARY.lookup("ncv", "anthracite", LocalDate.parse("2022-01-01")));
        assertEquals(Optional.empty(), LIBRARY.lookup("nothing", "", LocalDate.parse("2022-01-01")));
    }

    @Test
    void indexedLookupUsesTheKey() {
        assertEquals(Optional.of(NCV_COKE), LIBRARY.lookup("ncv", "coke", LocalDate.parse("2022-01-01")));
    }

    @Test
    void listsFactorsKeysAndValuesInOrder() {
        assertEquals(Set.of("ef_grid", "ncv"), LIBRARY.factorNames());
        assertEquals(List.of("bituminous", "coke"), List.copyOf(LIBRARY.keys("ncv")));
        assertEquals(List.of(GRID_2019, GRID_2021, GRID_2023), LIBRARY.values("ef_grid"));
        assertEquals(5, LIBRARY.values().size());
        assertEquals("test", LIBRARY.id());
        assertEquals("1", LIBRARY.version());
    }

    @Test
    void overlappingValidityIsRejectedNamingBothValues() {
        FactorValue overlapping = value("ef_grid", "", "0.5703", "tCO2/MWh", "2022-01-01", null);
        FactorConflictException e = assertThrows(FactorConflictException.class,
                () -> FactorLibrary.of(List.of(GRID_2021, overlapping)));
        assertEquals(1, e.conflicts().size());
        assertEquals(FactorConflict.Kind.OVERLAPPING_VALIDITY, e.conflicts().get(0).kind());
        assertTrue(e.getMessage().contains("0.5810 tCO2/MWh valid [2021-01-01, 2023-01-01)"), e.getMessage());
        assertTrue(e.getMessage().contains("0.5703 tCO2/MWh valid [2022-01-01, …)"), e.getMessage());
    }

    @Test
    void sameValidityUnderDifferentKeysIsFine() {
        FactorLibrary library = FactorLibrary.of(List.of(NCV_COAL, NCV_COKE));
        assertEquals(2, library.values("ncv").size());
    }

    @Test
    void oneFactorWithUnitsOfTwoDimensionsIsRejected() {
        FactorValue gas = value("ncv", "natural_gas", "389.31", "GJ/10^4 Nm3", null, null);
        FactorConflictException e = assertThrows(FactorConflictException.class,
                () -> FactorLibrary.of(List.of(NCV_COAL, gas)));
        assertEquals(FactorConflict.Kind.MIXED_DIMENSIONS, e.conflicts().get(0).kind());
        assertTrue(e.getMessage().contains("energy per volume at standard state"), e.getMessage());
    }

    @Test
    void compatibleScalesInOneFactorAreFine() {
        FactorValue inMj = value("ncv", "diesel", "42652", "MJ/t", null, null);
        assertEquals(2, FactorLibrary.of(List.of(NCV_COAL, inMj)).values("ncv").size());
    }

    @Test
    void siteValueWinsWhereValidAndTheDefaultAnswersElsewhere() {
        FactorValue labNcv = new FactorValue("ncv", "bituminous", new java.math.BigDecimal("21.05"), "GJ/t",
                LocalDate.parse("2024-03-01"), LocalDate.parse("2024-04-01"), "lab report 2024-03", null,
                Confidence.SITE, "site-7", null);
        FactorLibrary layered = LIBRARY.overriddenBy(FactorLibrary.of("plant-7", "7", List.of(labNcv)));
        assertEquals(Optional.of(labNcv), layered.lookup("ncv", "bituminous", LocalDate.parse("2024-03-15")));
        assertEquals(Optional.of(NCV_COAL), layered.lookup("ncv", "bituminous", LocalDate.parse("2024-04-01")));
        assertEquals(Optional.of(NCV_COKE), layered.lookup("ncv", "coke", LocalDate.parse("2024-03-15")));
        assertEquals("plant-7 over test", layered.id());
        assertEquals(labNcv, layered.values("ncv").get(0));
    }

    @Test
    void siteValueInAnotherDimensionIsRejected() {
        FactorValue wrong = value("ncv", "bituminous", "19.570", "GJ/m3", null, null);
        assertThrows(FactorConflictException.class, () -> LIBRARY.overriddenBy(FactorLibrary.of(List.of(wrong))));
    }
}
