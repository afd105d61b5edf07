package io.tanhe.engine.factors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tanhe.engine.units.Unit;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seed tables under methodologies/shared/factors load cleanly and say what the reference says. The
 * common tables form one library; the building-materials guidelines' own fuel table is an alternative to
 * the common fuel table (cement and flat glass import it instead), so it is loaded on its own.
 */
class SharedFactorTablesTest {

    /** Maven runs the tests in the module directory, so the tables are one level up. */
    private static final Path SHARED = Path.of("..", "methodologies", "shared", "factors");
    private static final LocalDate ANY_DAY = LocalDate.parse("2022-06-30");
    /** Methodologies import this table instead of fossil-fuels-2013, never beside it. */
    private static final String ALTERNATIVE_FUEL_TABLE = "building-materials-fuels-2013.factors.yaml";

    private static FactorLibrary library;

    @BeforeAll
    static void loadEveryTable() throws IOException {
        List<FactorValue> common = new java.util.ArrayList<>();
        try (Stream<Path> files = Files.list(SHARED)) {
            for (Path table : files.filter(FactorTableLoader::isTableFile)
                    .filter(t -> !t.getFileName().toString().equals(ALTERNATIVE_FUEL_TABLE)).sorted().toList()) {
                FactorTableLoad load = FactorTableLoader.load(table);
                assertEquals(List.of(), load.problems(), table::toString);
                common.addAll(load.library().orElseThrow().values());
            }
        }
        library = FactorLibrary.of(common);
    }

    @Test
    void theBuildingMaterialsFuelTableLoadsOnItsOwn() {
        FactorTableLoad load = FactorTableLoader.load(SHARED.resolve(ALTERNATIVE_FUEL_TABLE));
        assertEquals(List.of(), load.problems());
        assertFalse(load.library().orElseThrow().values().isEmpty());
    }

    private static BigDecimal value(String factor, String key, LocalDate on) {
        return library.lookup(factor, key, on).orElseThrow(() -> new AssertionError(factor + "[" + key + "] on " + on))
                .value();
    }

    @Test
    void everyTableFileIsPickedUpAndEveryValueHasASource() throws IOException {
        try (Stream<Path> files = Files.list(SHARED)) {
            List<Path> tables = files.filter(FactorTableLoader::isTableFile).toList();
            assertEquals(6, tables.size(), tables::toString);
            for (Path table : tables) {
                assertTrue(FactorTableLoader.load(table).succeeded(), table::toString);
            }
        }
        assertFalse(library.values().isEmpty());
        for (FactorValue value : library.values()) {
            assertFalse(value.source().isBlank(), value::describe);
        }
    }

    @Test
    void fuelTableKeepsTheSourceDigitsAndUnits() {
        FactorValue ncv = library.lookup("ncv", "bituminous", ANY_DAY).orElseThrow();
        assertEquals("19.570", ncv.value().toPlainString());
        assertEquals("GJ/t", ncv.unit());
        assertEquals(Confidence.A, ncv.confidence());
        assertEquals("389.310", value("ncv_gas", "natural_gas", ANY_DAY).toPlainString());
        assertEquals(Unit.parse("GJ/10^4 Nm3"), library.lookup("ncv_gas", "natural_gas", ANY_DAY).orElseThrow().parsedUnit());
        // raised from B when checked against the official 2013 text (issue 21)
        assertEquals(Confidence.A, library.lookup("cc", "crude_benzene", ANY_DAY).orElseThrow().confidence());
        assertEquals(22, library.keys("ncv").size() + library.keys("ncv_gas").size());
    }

    @Test
    void carbonContentInTcPerTjConvertsExactlyToTcPerGj() {
        FactorValue cc = library.lookup("cc", "bituminous", ANY_DAY).orElseThrow();
        BigDecimal perGj = cc.value().multiply(cc.parsedUnit().conversionFactor(Unit.parse("tC/GJ"), MathContext.DECIMAL64));
        assertEquals(0, new BigDecimal("0.02618").compareTo(perGj));
        FactorValue ox = library.lookup("ox", "bituminous", ANY_DAY).orElseThrow();
        assertEquals(0.93, ox.value().doubleValue() * ox.parsedUnit().conversionFactor(Unit.ONE), 1e-15);
    }

    @Test
    void etsGridFactorFollowsTheNoticesByDataYear() {
        assertEquals("0.6101", value("ef_grid_ets", "", LocalDate.parse("2020-12-31")).toPlainString());
        assertEquals("0.5810", value("ef_grid_ets", "", LocalDate.parse("2021-01-01")).toPlainString());
        assertEquals("0.5810", value("ef_grid_ets", "", LocalDate.parse("2022-12-31")).toPlainString());
        assertEquals("0.5703", value("ef_grid_ets", "", LocalDate.parse("2023-01-01")).toPlainString());
        assertEquals(Optional.empty(), library.lookup("ef_grid_ets", "", LocalDate.parse("2026-01-01")));
    }

    @Test
    void meeNbsFactorsApplyToTheirDataYear() {
        assertEquals("0.5568", value("ef_grid_national", "", LocalDate.parse("2021-07-01")).toPlainString());
        assertEquals("0.5366", value("ef_grid_national", "", LocalDate.parse("2022-07-01")).toPlainString());
        assertEquals("0.5306", value("ef_grid_national", "", LocalDate.parse("2023-07-01")).toPlainString());
        assertEquals(Optional.empty(), library.lookup("ef_grid_national", "", LocalDate.parse("2024-01-01")));
        assertEquals("0.3869", value("ef_grid_regional", "south", LocalDate.parse("2022-07-01")).toPlainString());
        assertEquals(Confidence.B, library.lookup("ef_grid_regional", "south", LocalDate.parse("2021-07-01")).orElseThrow()
                .confidence());
    }

    @Test
    void gwpUnitsNameTheGasAndTheBasisIsInTheName() {
        FactorValue ch4 = library.lookup("gwp_ch4_sar", "", ANY_DAY).orElseThrow();
        assertEquals("21", ch4.value().toPlainString());
        assertEquals(Unit.parse("tCO2e/tCH4"), ch4.parsedUnit());
        assertEquals("6630", value("gwp_cf4_ar5", "", ANY_DAY).toPlainString());
        assertEquals(Optional.empty(), library.lookup("gwp_ch4_ar5", "", ANY_DAY));
    }

    @Test
    void heatAndCarbonateDefaults() {
        assertEquals("0.11", value("ef_heat", "", ANY_DAY).toPlainString());
        assertEquals("0.4149", value("ef_carbonate", "na2co3", ANY_DAY).toPlainString());
        assertEquals("0.415", value("ef_desulfurisation", "na2co3", ANY_DAY).toPlainString());
    }
}
