package io.tanhe.engine.incremental;

import io.tanhe.engine.compile.Compilation;
import io.tanhe.engine.compile.Compiler;
import io.tanhe.engine.factors.FactorLibrary;
import io.tanhe.engine.time.Grain;
import io.tanhe.engine.time.Observation;
import io.tanhe.engine.time.Quality;
import io.tanhe.engine.time.TimeBucket;
import io.tanhe.engine.units.Unit;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code mean(x)} and {@code covered(x)} of rate inputs: a product of rates is formed per minute
 * from the minute means and the amount it gives is the sum of the minutes, while intensive values
 * in an hour are recomputed from the hour's means.
 */
class RateMeanTest {
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final Unit CONC = Unit.parse("mgCO2/Nm3");
    private static final Unit FLOW = Unit.parse("Nm3/h");
    private static final String SOURCE = """
            methodology demo.mean
              version 1
              title "t"
              source "s"
              industry "i"
            input c : mgCO2/Nm3 rate
            input q : Nm3/h rate
            value conc : mgCO2/Nm3 = mean(c)
            value g : gCO2/h = mean(c) * mean(q)
            value monitored : min = covered(q)
            emission e : gCO2 class combustion = g * covered(q)
            total E : gCO2 = e
            """;

    private static IncrementalEvaluator evaluator() {
        Compilation c = Compiler.compileText("mean.tanhe", SOURCE);
        assertTrue(c.ok(), c.diagnostics().toString());
        return new IncrementalEvaluator(c.graph().orElseThrow(), FactorLibrary.of(List.of()), UTC, Grain.MINUTE,
                List.of(Grain.HOUR, Grain.DAY));
    }

    private static void feed(IncrementalEvaluator ev, String input, int second, double value, Unit unit) {
        ev.accept(new Observation(Instant.parse("2024-03-01T10:00:00Z").plusSeconds(second), input, "", value, unit,
                Quality.MEASURED));
    }

    private static double value(IncrementalEvaluator ev, String node, Grain g, int second) {
        ResultValue r = ev.result(node, "", TimeBucket.of(g, Instant.parse("2024-03-01T10:00:00Z").plusSeconds(second), UTC))
                .orElseThrow();
        assertTrue(r.present(), node + ": " + r);
        return r.value();
    }

    /** c 100, 100, 300 and q 10, 10, 30 at 0, 60, 120 s: minute means c 100, 200 and q 10, 20 (trapezoid). */
    private static IncrementalEvaluator twoMinutes() {
        IncrementalEvaluator ev = evaluator();
        feed(ev, "c", 0, 100, CONC);
        feed(ev, "c", 60, 100, CONC);
        feed(ev, "c", 120, 300, CONC);
        feed(ev, "q", 0, 10, FLOW);
        feed(ev, "q", 60, 10, FLOW);
        feed(ev, "q", 120, 30, FLOW);
        return ev;
    }

    @Test
    void anAmountOfAProductOfRatesIsTheSumOfTheMinutesProducts() {
        IncrementalEvaluator ev = twoMinutes();
        // minute 1: 100 mg/Nm3 × 10 Nm3/h × 1/60 h = 16.667 mg; minute 2: 200 × 20 / 60 = 66.667 mg
        assertEquals(100.0 * 10 / 60 / 1000, value(ev, "e", Grain.MINUTE, 0), 1e-12);
        assertEquals(200.0 * 20 / 60 / 1000, value(ev, "e", Grain.MINUTE, 60), 1e-12);
        assertEquals((100.0 * 10 + 200 * 20) / 60 / 1000, value(ev, "e", Grain.HOUR, 0), 1e-12);
        assertEquals((100.0 * 10 + 200 * 20) / 60 / 1000, value(ev, "E", Grain.DAY, 0), 1e-12);
    }

    @Test
    void anHoursIntensiveValuesComeFromTheHoursMeansOverItsCoveredTime() {
        IncrementalEvaluator ev = twoMinutes();
        assertEquals(150, value(ev, "conc", Grain.HOUR, 0), 1e-9);           // (100 + 200) / 2, not over 60 minutes
        assertEquals(2, value(ev, "monitored", Grain.HOUR, 0), 1e-9);        // two minutes covered
        assertEquals(150 * 15 / 1000.0, value(ev, "g", Grain.HOUR, 0), 1e-12); // the product of the hour's means
        // which times the covered time (75 mg) is not the hour's emission (83.3 mg)
        assertFalse(Math.abs(150 * 15 / 1000.0 * 2 / 60 - value(ev, "e", Grain.HOUR, 0)) < 1e-6);
    }

    @Test
    void aLateReadingUpdatesTheMinuteTheHourAndTheirMeans() {
        IncrementalEvaluator ev = twoMinutes();
        feed(ev, "c", 30, 200, CONC); // minute 1's mean becomes (150 + 150) / 2 = 150
        assertEquals(150, value(ev, "conc", Grain.MINUTE, 0), 1e-9);
        assertEquals((150.0 * 10 + 200 * 20) / 60 / 1000, value(ev, "e", Grain.HOUR, 0), 1e-12);
        assertEquals(175, value(ev, "conc", Grain.HOUR, 0), 1e-9);
    }

    @Test
    void aMinuteWithoutReadingsHasNoMeanAndNoEmission() {
        IncrementalEvaluator ev = twoMinutes();
        ev.accept(new Observation(Instant.parse("2024-03-01T10:03:00Z"), "c", "", Double.NaN, CONC, Quality.MISSING));
        feed(ev, "q", 180, 30, FLOW); // q covers minute 3, c does not (its interval touches a failed reading)
        ResultValue third = ev.result("e", "", TimeBucket.of(Grain.MINUTE, Instant.parse("2024-03-01T10:02:00Z"), UTC))
                .orElseThrow();
        assertFalse(third.present() || third.failed(), third.toString());
        assertEquals(3, value(ev, "monitored", Grain.HOUR, 0), 1e-9);
        assertEquals((100.0 * 10 + 200 * 20) / 60 / 1000, value(ev, "e", Grain.HOUR, 0), 1e-12);
    }

    @Test
    void theExplanationShowsTheCoveredTimeTheMeanWasTakenOver() {
        IncrementalEvaluator ev = twoMinutes();
        TimeBucket minute = TimeBucket.of(Grain.MINUTE, Instant.parse("2024-03-01T10:01:00Z"), UTC);
        var step = ev.explain("conc", "", minute, java.util.Map.of(), null).orElseThrow().result();
        assertEquals(200, step.value(), 1e-9);
        var covered = step.operands().stream().filter(o -> o.kind().equals("covered")).findFirst().orElseThrow();
        assertEquals(1.0 / 60, covered.value(), 1e-12);
        assertTrue(step.operands().stream().anyMatch(o -> o.name().equals("c") && o.input() != null), step.operands().toString());
    }
}
