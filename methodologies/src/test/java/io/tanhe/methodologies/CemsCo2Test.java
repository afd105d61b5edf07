package io.tanhe.methodologies;

import io.tanhe.engine.cems.CaptureRate;
import io.tanhe.engine.cems.HourFigure;
import io.tanhe.engine.cems.HourFlags;
import io.tanhe.engine.cems.HourRecord;
import io.tanhe.engine.cems.HourStatus;
import io.tanhe.engine.cems.HourlyFigures;
import io.tanhe.engine.cems.MeasuredHours;
import io.tanhe.engine.cems.SubstitutionRules;
import io.tanhe.engine.cems.ValidityRules;
import io.tanhe.engine.compile.Compilation;
import io.tanhe.engine.compile.Compiler;
import io.tanhe.engine.factors.Confidence;
import io.tanhe.engine.factors.FactorLibrary;
import io.tanhe.engine.factors.FactorValue;
import io.tanhe.engine.incremental.IncrementalEvaluator;
import io.tanhe.engine.incremental.ResultValue;
import io.tanhe.engine.testing.TestOutcome;
import io.tanhe.engine.testing.TestRunner;
import io.tanhe.engine.time.Grain;
import io.tanhe.engine.time.Observation;
import io.tanhe.engine.time.Quality;
import io.tanhe.engine.time.TimeBucket;
import io.tanhe.engine.units.Unit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.function.IntToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The measurement methodology {@code cn.cems-co2} against an independent, spreadsheet-style
 * recomputation: readings every 5 s for one hour, whose columns (minute means by the trapezoid
 * rule, the conversions of HJ 212-2017 Appendix D, the minute emissions) are computed here in plain
 * Java without the engine, then compared with what the engine gives per minute and per hour.
 */
class CemsCo2Test {
    private static final Path FILE = Path.of("cems-co2/cems-co2.tanhe").toAbsolutePath();
    private static final ZoneId ZONE = TimeBucket.DEFAULT_ZONE;
    private static final Instant START = Instant.parse("2024-06-03T01:00:00Z"); // 09:00 in Shanghai
    private static final int STEP_S = 5;
    private static final int SAMPLES = 3600 / STEP_S + 1; // both ends of the hour

    private static Compilation compilation;

    @BeforeAll
    static void compile() {
        compilation = Compiler.compile(FILE);
        assertTrue(compilation.ok(), () -> compilation.diagnostics().toString());
    }

    @Test
    void theHandWorkedTestsInTheFilePass() {
        List<TestOutcome> outcomes = new TestRunner(compilation).runAll();
        assertEquals(3, outcomes.size());
        for (TestOutcome o : outcomes) {
            assertTrue(o.passed(), o.title() + ": " + String.join("\n", o.failures()));
        }
    }

    // ---- the readings: CO2 and flow vary together over the hour, so the product of means differs from the mean of products ----

    private static double co2Percent(int i) {
        return 11.0 + 2.0 * Math.sin(i * 2 * Math.PI / SAMPLES * 3);
    }

    private static double flowM3PerS(int i) {
        return 280.0 + 40.0 * Math.sin(i * 2 * Math.PI / SAMPLES * 3 + 0.3);
    }

    private static double temperatureC(int i) {
        return 48.0 + (i % 24) * 0.25;
    }

    private static double staticKPa(int i) {
        return -0.45 - (i % 7) * 0.01;
    }

    private static double ambientKPa(int i) {
        return 101.2 + (i % 5) * 0.02;
    }

    private static double moisturePercent(int i) {
        return 9.0 + (i % 11) * 0.1;
    }

    /** Trapezoid mean over minute m of 5-s samples: what a rate's integral over the minute divided by 60 s is. */
    private static double minuteMean(IntToDoubleFunction sample, int m) {
        int first = m * 60 / STEP_S;
        double area = 0;
        for (int i = first; i < first + 60 / STEP_S; i++) {
            area += (sample.applyAsDouble(i) + sample.applyAsDouble(i + 1)) / 2 * STEP_S;
        }
        return area / 60;
    }

    /** One row of the spreadsheet: the minute's CO2 in kg, HJ 212 (19)(20)(30)(31)(33) with 273.15 K and 101.325 kPa. */
    private static double minuteKg(int m) {
        double qActual = minuteMean(CemsCo2Test::flowM3PerS, m) * 3600;                               // m3/h
        double t = minuteMean(CemsCo2Test::temperatureC, m);
        double pa = (minuteMean(CemsCo2Test::ambientKPa, m) + minuteMean(CemsCo2Test::staticKPa, m)) * 1000; // Pa
        double x = minuteMean(CemsCo2Test::moisturePercent, m) / 100;
        double qStd = qActual * 273.15 / (273.15 + t) * pa / 101325 * (1 - x);                      // Nm3/h dry
        double cq = minuteMean(CemsCo2Test::co2Percent, m) * 10_000 * 44.01 / 22.4;                  // mg/Nm3
        return cq * qStd * 1e-6 / 60;                                                               // kg in one minute
    }

    /**
     * A minute whose CO2 readings cover only seconds [from, to): the CO2 mean is over that part, the
     * other quantities over the whole minute, and the emission counts the whole minute's monitored
     * time (temperature readings cover it all).
     */
    private static double partialMinuteKg(int m, int from, int to) {
        int first = m * 60 / STEP_S;
        double area = 0;
        for (int i = first + from / STEP_S; i < first + to / STEP_S; i++) {
            area += (co2Percent(i) + co2Percent(i + 1)) / 2 * STEP_S;
        }
        double co2Mean = area / (to - from);
        return minuteKg(m) / minuteMean(CemsCo2Test::co2Percent, m) * co2Mean;
    }

    private static IncrementalEvaluator fedEvaluator() {
        IncrementalEvaluator ev = new IncrementalEvaluator(compilation.graph().orElseThrow(), factors(), ZONE, Grain.MINUTE,
                List.of(Grain.HOUR));
        Unit percent = Unit.parse("%");
        Unit m3s = Unit.parse("m3/s");
        Unit degC = Unit.parse("degC");
        Unit kPa = Unit.parse("kPa");
        for (int i = 0; i < SAMPLES; i++) {
            Instant t = START.plusSeconds((long) i * STEP_S);
            ev.accept(new Observation(t, "co2_volume", "stack1", co2Percent(i), percent, Quality.MEASURED));
            ev.accept(new Observation(t, "flue_flow", "stack1", flowM3PerS(i), m3s, Quality.MEASURED));
            ev.accept(new Observation(t, "flue_temperature", "stack1", temperatureC(i), degC, Quality.MEASURED));
            ev.accept(new Observation(t, "flue_static_pressure", "stack1", staticKPa(i), kPa, Quality.MEASURED));
            ev.accept(new Observation(t, "ambient_pressure", "stack1", ambientKPa(i), kPa, Quality.MEASURED));
            ev.accept(new Observation(t, "flue_moisture", "stack1", moisturePercent(i), percent, Quality.MEASURED));
        }
        return ev;
    }

    private static FactorLibrary factors() {
        FactorValue area = new FactorValue("duct_area", "stack1", BigDecimal.valueOf(20), "m2", null, null, "test",
                null, Confidence.SITE, "test", null);
        return compilation.defaults().library().overriddenBy(FactorLibrary.of("test", "test", List.of(area)));
    }

    private static double value(IncrementalEvaluator ev, String node, TimeBucket b, String unit) {
        ResultValue r = ev.result(node, "stack1", b).orElseThrow();
        assertTrue(r.present(), node + " in " + b + ": " + r.problemText());
        return r.value() * r.unit().conversionFactor(Unit.parse(unit));
    }

    @Test
    void everyMinuteMatchesTheSpreadsheet() {
        IncrementalEvaluator ev = fedEvaluator();
        TimeBucket minute = TimeBucket.of(Grain.MINUTE, START, ZONE);
        for (int m = 0; m < 60; m++, minute = minute.next()) {
            assertEquals(minuteKg(m), value(ev, "co2_measured", minute, "kgCO2"), minuteKg(m) * 1e-9, "minute " + m);
        }
    }

    @Test
    void theHourIsTheSumOfItsMinutesNotTheProductOfItsMeans() {
        IncrementalEvaluator ev = fedEvaluator();
        TimeBucket hour = TimeBucket.of(Grain.HOUR, START, ZONE);
        double spreadsheet = 0;
        for (int m = 0; m < 60; m++) {
            spreadsheet += minuteKg(m);
        }
        double engine = value(ev, "co2_measured", hour, "kgCO2");
        assertEquals(spreadsheet, engine, spreadsheet * 1e-9);

        // HJ 212 (33) from the hour's means: the hourly rate, which differs from the sum of minutes
        // because CO2 and flow moved together within the hour
        double hourlyRate = value(ev, "co2_rate", hour, "kgCO2/h");
        double productOfMeans = hourlyRate * 1.0;
        assertTrue(Math.abs(productOfMeans - engine) > 1e-4 * engine,
                "the readings were chosen so that the two differ: " + productOfMeans + " vs " + engine);
        assertEquals(hourMeanProduct(), hourlyRate, hourlyRate * 1e-9);
    }

    /** (33) with every quantity's hourly mean (the mean of its minute means: every minute is fully covered). */
    private static double hourMeanProduct() {
        double flow = 0, t = 0, pa = 0, x = 0, co2 = 0;
        for (int m = 0; m < 60; m++) {
            flow += minuteMean(CemsCo2Test::flowM3PerS, m) * 3600 / 60;
            t += minuteMean(CemsCo2Test::temperatureC, m) / 60;
            pa += (minuteMean(CemsCo2Test::ambientKPa, m) + minuteMean(CemsCo2Test::staticKPa, m)) * 1000 / 60;
            x += minuteMean(CemsCo2Test::moisturePercent, m) / 100 / 60;
            co2 += minuteMean(CemsCo2Test::co2Percent, m) / 60;
        }
        double qStd = flow * 273.15 / (273.15 + t) * pa / 101325 * (1 - x);
        return co2 * 10_000 * 44.01 / 22.4 * qStd * 1e-6;
    }

    @Test
    void aMinuteWithoutValidCo2HasNoEmissionAndTheHourShowsTheLoss() {
        IncrementalEvaluator ev = fedEvaluator();
        // the analyser fails for the 11th minute: readings of quality MISSING (flag D) are not bridged
        Instant from = START.plusSeconds(600);
        for (int s = 0; s <= 60; s += STEP_S) {
            ev.accept(new Observation(from.plusSeconds(s), "co2_volume", "stack1", Double.NaN, Unit.parse("%"), Quality.MISSING));
        }
        TimeBucket failed = TimeBucket.of(Grain.MINUTE, from, ZONE);
        ResultValue r = ev.result("co2_measured", "stack1", failed).orElseThrow();
        assertTrue(!r.present() && !r.failed(), "no valid CO2 in the minute: absent, not " + r);
        TimeBucket hour = TimeBucket.of(Grain.HOUR, START, ZONE);
        double withoutIt = 0;
        for (int m = 0; m < 60; m++) {
            // the minutes either side lose the interval that touches the failed readings (595–600 s, 660–665 s)
            withoutIt += m == 10 ? 0 : m == 9 || m == 11 ? partialMinuteKg(m, m == 9 ? 0 : 5, m == 9 ? 55 : 60) : minuteKg(m);
        }
        ResultValue h = ev.result("co2_measured", "stack1", hour).orElseThrow();
        assertTrue(h.present(), h.toString());
        assertEquals(withoutIt, h.value() * h.unit().conversionFactor(Unit.parse("kgCO2")), withoutIt * 1e-9);
        assertTrue(h.completeness() < 1.0, "completeness " + h.completeness());
    }

    /**
     * A day of minute readings in which 03:00–04:00 is a calibration (the logger flags CO2 C, so its
     * readings are invalid) and 07:10–07:30 an analyser fault (D): hour 3 has no valid minute, hour 7
     * keeps 38 (< 45), both are substituted by the maximum of the valid hours before them.
     */
    @Test
    void aDayWithACalibrationHourAndAFaultHourIsSubstitutedAndMarked() {
        IncrementalEvaluator ev = new IncrementalEvaluator(compilation.graph().orElseThrow(), factors(), ZONE, Grain.MINUTE,
                List.of(Grain.HOUR, Grain.DAY));
        Instant day = Instant.parse("2024-06-02T16:00:00Z"); // 2024-06-03 00:00 in Shanghai
        Unit percent = Unit.parse("%");
        List<HourFlags.Flagged> flags = new java.util.ArrayList<>();
        for (int m = 0; m <= 24 * 60; m++) {
            Instant t = day.plusSeconds(60L * m);
            int hour = m / 60;
            boolean invalid = hour == 3 || m >= 7 * 60 + 10 && m <= 7 * 60 + 30;
            flags.add(new HourFlags.Flagged(t, hour == 3 ? 'C' : invalid ? 'D' : 'N'));
            ev.accept(new Observation(t, "co2_volume", "stack1", invalid ? Double.NaN : 12, percent,
                    invalid ? Quality.MISSING : Quality.MEASURED));
            ev.accept(new Observation(t, "flue_flow", "stack1", 250 + 10 * Math.min(hour, 23), Unit.parse("m3/s"), Quality.MEASURED));
            ev.accept(new Observation(t, "flue_temperature", "stack1", 50, Unit.parse("degC"), Quality.MEASURED));
            ev.accept(new Observation(t, "flue_static_pressure", "stack1", -0.5, Unit.parse("kPa"), Quality.MEASURED));
            ev.accept(new Observation(t, "ambient_pressure", "stack1", 101.325, Unit.parse("kPa"), Quality.MEASURED));
            ev.accept(new Observation(t, "flue_moisture", "stack1", 10, percent, Quality.MEASURED));
        }
        List<HourRecord> hours = MeasuredHours.of(ev, "co2_measured", "stack1", day, day.plusSeconds(86_400),
                ValidityRules.standard(), HourFlags.of(flags, ZONE));
        assertEquals(24, hours.size());
        assertEquals(HourStatus.CALIBRATION, hours.get(3).status());
        assertEquals(0, hours.get(3).validMinutes());
        assertEquals(HourStatus.INVALID, hours.get(7).status());
        assertEquals(38, hours.get(7).validMinutes()); // 07:09–07:30 lose their readings' intervals
        assertEquals(59, hours.get(2).validMinutes()); // 02:59 ends on the first calibration reading

        CaptureRate alpha = CaptureRate.of(hours);
        assertEquals(22.0 / 24, alpha.rate(), 1e-15);
        List<HourFigure> figures = HourlyFigures.of(List.of(), hours, alpha, SubstitutionRules.hj75());
        // flow rises by the hour, so the maximum before each gap is the hour just before it
        assertEquals(hours.get(2).value(), figures.get(3).value());
        assertEquals(hours.get(6).value(), figures.get(7).value());
        assertTrue(figures.get(3).substituted() && figures.get(7).substituted());
        assertEquals(Quality.SUBSTITUTED, figures.get(7).quality());
        assertTrue(figures.get(7).provenance().startsWith("invalid; substituted by the maximum of the 6 valid hours"),
                figures.get(7).provenance());
        long measured = figures.stream().filter(f -> f.quality() == Quality.MEASURED).count();
        assertEquals(22, measured);
        // a valid hour is the mean of its valid minutes × 60: hour 5 at 300 m3/s is (33) × 1 h, up to the ramp into hour 6
        double g5 = 235_767.857142857 * 300 * 3600 * 273.15 / 323.15 * 100.825 / 101.325 * 0.9 * 1e-9; // t
        assertEquals(g5, hours.get(5).value(), g5 * 1e-3);
    }
}
