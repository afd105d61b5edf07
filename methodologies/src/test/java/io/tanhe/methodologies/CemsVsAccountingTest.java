package io.tanhe.methodologies;

import io.tanhe.engine.cems.MethodComparison;
import io.tanhe.engine.compile.Compilation;
import io.tanhe.engine.compile.Compiler;
import io.tanhe.engine.factors.Confidence;
import io.tanhe.engine.factors.FactorLibrary;
import io.tanhe.engine.factors.FactorValue;
import io.tanhe.engine.incremental.IncrementalEvaluator;
import io.tanhe.engine.incremental.ResultValue;
import io.tanhe.engine.time.Grain;
import io.tanhe.engine.time.Observation;
import io.tanhe.engine.time.Quality;
import io.tanhe.engine.time.RateSettings;
import io.tanhe.engine.time.TimeBucket;
import io.tanhe.engine.units.Unit;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Coal unit 1 by both methods for June 2022: the accounting guideline for power generation (coal
 * burned × carbon content × oxidation × 44/12) and the CEMS on its stack, their deviation and the
 * verification finding past the bound.
 */
class CemsVsAccountingTest {
    private static final ZoneId ZONE = TimeBucket.DEFAULT_ZONE;
    private static final TimeBucket JUNE = TimeBucket.of(Grain.MONTH, Instant.parse("2022-06-01T00:00:00+08:00"), ZONE);

    /** 100 000 t of coal at 0.5231 tC/t: 100000 × 0.5231 × 0.99 × 44/12 = 189 885.3 tCO2 (the guideline's in-file test). */
    private static ResultValue accounting() {
        Compilation c = Compiler.compile(Path.of("power-generation-2022/power-generation.tanhe").toAbsolutePath());
        assertTrue(c.ok(), c.diagnostics().toString());
        IncrementalEvaluator ev = new IncrementalEvaluator(c.graph().orElseThrow(), c.defaults().library(), ZONE, Grain.MONTH, List.of());
        Unit t = Unit.parse("t");
        ev.accept(new Observation(JUNE.start(), "coal_burned", "unit1", 0, t, Quality.MEASURED));
        ev.accept(new Observation(JUNE.end(), "coal_burned", "unit1", 100_000, t, Quality.MEASURED));
        ev.accept(new Observation(JUNE.start(), "coal_c_ar", "unit1", 0.5231, Unit.parse("tC/t"), Quality.MANUAL));
        ev.open(JUNE);
        return ev.result("coal_combustion", "unit1", JUNE).orElseThrow();
    }

    /**
     * The stack at a constant {@code flowM3s} (wet, actual), 50 °C, −0.5 kPa, 101.325 kPa, 10 % moisture,
     * 12 %vol CO2 dry: 235 767.857 mg/Nm3 × (flow × 3600 × 273.15/323.15 × 100.825/101.325 × 0.9) Nm3/h × 720 h.
     */
    private static ResultValue measured(double flowM3s) {
        Compilation c = Compiler.compile(Path.of("cems-co2/cems-co2.tanhe").toAbsolutePath());
        assertTrue(c.ok(), c.diagnostics().toString());
        FactorLibrary factors = c.defaults().library().overriddenBy(FactorLibrary.of("site", "site", List.of(
                new FactorValue("duct_area", "stack1", BigDecimal.valueOf(20), "m2", null, null, "site", null, Confidence.SITE, "1", null))));
        IncrementalEvaluator ev = new IncrementalEvaluator(c.graph().orElseThrow(), factors, ZONE, Grain.HOUR, List.of(Grain.MONTH)); // constant readings: hours suffice
        // one reading at each end of the month: the rate is held for the month (as the guideline's in-file tests feed it)
        for (String input : List.of("co2_volume", "flue_flow", "flue_temperature", "flue_static_pressure", "ambient_pressure", "flue_moisture")) {
            ev.timeModel().configure(input, "stack1", RateSettings.of(c.graph().orElseThrow().node(input).orElseThrow().unit())
                    .withMaxGap(Duration.ofDays(31)));
        }
        for (Instant at : List.of(JUNE.start(), JUNE.end())) {
            ev.accept(new Observation(at, "co2_volume", "stack1", 12, Unit.parse("%"), Quality.MEASURED));
            ev.accept(new Observation(at, "flue_flow", "stack1", flowM3s, Unit.parse("m3/s"), Quality.MEASURED));
            ev.accept(new Observation(at, "flue_temperature", "stack1", 50, Unit.parse("degC"), Quality.MEASURED));
            ev.accept(new Observation(at, "flue_static_pressure", "stack1", -0.5, Unit.parse("kPa"), Quality.MEASURED));
            ev.accept(new Observation(at, "ambient_pressure", "stack1", 101.325, Unit.parse("kPa"), Quality.MEASURED));
            ev.accept(new Observation(at, "flue_moisture", "stack1", 10, Unit.parse("%"), Quality.MEASURED));
        }
        return ev.result("co2_measured", "stack1", JUNE).orElseThrow();
    }

    @Test
    void withinTheBoundThereIsNoFinding() {
        // 410 m3/s: 138 781.642 × 410/300 = 189 668.244 tCO2; δ = (189 668.244 − 189 885.3)/189 885.3 = −0.1143 %
        MethodComparison c = MethodComparison.of(measured(410), accounting(), 0.05);
        assertEquals(189_668.244, c.measured().value(), 0.01);
        assertEquals(189_885.3, c.accounted().value(), 0.001);
        assertEquals(-0.001143, c.deviation(), 1e-6);
        assertTrue(c.finding().isEmpty());
    }

    @Test
    void pastTheBoundAVerificationFindingSaysByHowMuchAndWhatToCheck() {
        // 300 m3/s: 138 781.642 tCO2; δ = −26.91 %
        MethodComparison c = MethodComparison.of(measured(300), accounting(), 0.05);
        assertEquals(-0.269129, c.deviation(), 1e-6);
        String f = c.finding().orElseThrow();
        assertTrue(f.startsWith("CEMS and accounting differ by -26.91 % (bound ±5.00 %) for the month 2022-06-01T00:00+08:00"), f);
        assertTrue(f.contains("co2_measured[stack1] 138781.642 tCO2 by measurement, coal_combustion[unit1] 189885.300 tCO2"), f);
    }

    @Test
    void figuresOfDifferentDimensionsAreNotCompared() {
        ResultValue a = accounting();
        ResultValue energy = new ResultValue("grid", "", JUNE, 1, Unit.parse("MWh"), Quality.MEASURED, 1, true, false, null, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MethodComparison.of(energy, a, 0.05));
        assertTrue(e.getMessage().startsWith("cannot compare grid in MWh with coal_combustion[unit1] in tCO2"), e.getMessage());
    }
}
