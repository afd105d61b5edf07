package io.tanhe.engine.time;

import io.tanhe.engine.compile.Compilation;
import io.tanhe.engine.compile.Compiler;
import io.tanhe.engine.graph.ComputationGraph;
import io.tanhe.engine.units.Unit;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;

import static io.tanhe.engine.time.At.local;
import static io.tanhe.engine.time.At.minute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeModelTest {
    private static final String METHODOLOGY = """
            methodology demo.time
              version 1
              title "time model test"
              source "none"
              industry demo
            set fuel { coal, gas }
            set line
            input burned[fuel] : t counter
            input power : kW rate
            input ncv[fuel] : GJ/t period
            input output[line] : t period
            factor ef : tCO2/MWh
            emission e : tCO2 class purchased_electricity = power * ef
            """;

    private static ComputationGraph graph() {
        Compilation c = Compiler.compileText("time.tanhe", METHODOLOGY);
        assertTrue(c.ok(), c.diagnostics().toString());
        return c.graph().orElseThrow();
    }

    @Test
    void aGraphsInputsGetDefaultSettingsForTheirKindAndUnit() {
        TimeModel model = TimeModel.forGraph(graph(), TimeBucket.DEFAULT_ZONE);
        model.add(Observation.measured(local("2024-03-01T10:00"), "burned", "coal", 1.0, Unit.parse("t")));
        model.add(Observation.measured(local("2024-03-01T10:00"), "power", "", 1.0, Unit.parse("kW")));
        model.add(Observation.measured(local("2024-03-01T10:00"), "ncv", "gas", 1.0, Unit.parse("GJ/t")));
        model.add(Observation.measured(local("2024-03-01T10:00"), "output", "line 1", 1.0, Unit.parse("t")));
        assertInstanceOf(CounterSeries.class, model.series("burned", "coal").orElseThrow());
        RateSeries power = (RateSeries) model.series("power", "").orElseThrow();
        assertEquals(RateSettings.DEFAULT_MAX_GAP, power.settings().maxGap());
        assertEquals(Unit.parse("kWh"), power.amountUnit());
        PeriodSeries ncv = (PeriodSeries) model.series("ncv", "gas").orElseThrow();
        assertEquals(PeriodQuantity.INTENSIVE, ncv.settings().quantity());
        assertEquals(Grain.MONTH, ncv.settings().period());
        assertEquals(PeriodQuantity.SUMMABLE, ((PeriodSeries) model.series("output", "line 1").orElseThrow())
                .settings().quantity());
        assertEquals(4, model.series().size());
    }

    @Test
    void keysAreCheckedAgainstTheInputsSets() {
        TimeModel model = TimeModel.forGraph(graph(), TimeBucket.DEFAULT_ZONE);
        ObservationException notMember = assertThrows(ObservationException.class, () ->
                model.add(Observation.measured(local("2024-03-01T10:00"), "burned", "oil", 1.0, Unit.parse("t"))));
        assertTrue(notMember.getMessage().contains("`oil` is not a member of set `fuel` [coal, gas]"), notMember.getMessage());
        ObservationException arity = assertThrows(ObservationException.class, () ->
                model.add(Observation.measured(local("2024-03-01T10:00"), "power", "coal", 1.0, Unit.parse("kW"))));
        assertTrue(arity.getMessage().contains("the key has 1 member(s) but the input is indexed by 0 set(s)"), arity.getMessage());
        ObservationException unknown = assertThrows(ObservationException.class, () ->
                model.add(Observation.measured(local("2024-03-01T10:00"), "powr", "", 1.0, Unit.parse("kW"))));
        assertTrue(unknown.getMessage().contains("no input `powr` is declared; declared inputs: burned, power, ncv, output"),
                unknown.getMessage());
    }

    @Test
    void aKeyCanHaveItsOwnSettingsButNotAnotherKindOrUnit() {
        TimeModel model = TimeModel.forGraph(graph(), TimeBucket.DEFAULT_ZONE);
        Unit t = Unit.parse("t");
        model.configure("burned", "coal", CounterSettings.of(t).withRollover(new Rollover(new BigDecimal("9999.9"), t)));
        model.add(Observation.measured(local("2024-03-01T10:00"), "burned", "coal", 9999.0, t));
        model.add(Observation.measured(local("2024-03-01T10:01"), "burned", "coal", 0.1, t));
        assertEquals(1.1, model.amount("burned", "coal", minute("2024-03-01T10:00")).amount(), 1e-9);
        IllegalStateException kind = assertThrows(IllegalStateException.class,
                () -> model.configure("burned", "gas", RateSettings.of(t)));
        assertTrue(kind.getMessage().contains("is a counter, so it cannot take rate settings"), kind.getMessage());
        IllegalStateException unit = assertThrows(IllegalStateException.class,
                () -> model.configure("burned", "gas", CounterSettings.of(Unit.parse("kg"))));
        assertTrue(unit.getMessage().contains("holds amounts in `t`"), unit.getMessage());
        IllegalStateException late = assertThrows(IllegalStateException.class,
                () -> model.configure("burned", "coal", CounterSettings.of(t)));
        assertTrue(late.getMessage().contains("burned[coal] already has observations"), late.getMessage());
    }

    @Test
    void aMeterReplacementOfARateIsRefused() {
        TimeModel model = TimeModel.forGraph(graph(), TimeBucket.DEFAULT_ZONE);
        ObservationException e = assertThrows(ObservationException.class, () -> model.add(
                MeterReplacement.of(local("2024-03-01T10:00"), "power", "", 1, 0, Unit.parse("kW"))));
        assertTrue(e.getMessage().contains("counter inputs only, and this input is a rate"), e.getMessage());
    }

    @Test
    void forgottenTimeRefusesOlderObservationsAndKeepsLaterAmounts() {
        Unit kwh = Unit.parse("kWh");
        TimeModel model = new TimeModel(TimeBucket.DEFAULT_ZONE).configure("grid_in", CounterSettings.of(kwh));
        for (int i = 0; i <= 120; i++) {
            model.add(Observation.measured(local("2024-03-01T10:00").plusSeconds(30L * i), "grid_in", "", 10.0 * i, kwh));
        }
        BucketAmount before = model.amount("grid_in", "", minute("2024-03-01T10:31"));
        model.forgetBefore(local("2024-03-01T10:30:10"));
        Series s = model.series("grid_in", "").orElseThrow();
        assertEquals(61, s.size(), "the reading at 10:30:00 stays as the left neighbour");
        assertEquals(before, model.amount("grid_in", "", minute("2024-03-01T10:31")));
        assertEquals(20, before.amount(), 1e-9);
        ObservationException e = assertThrows(ObservationException.class, () ->
                model.add(Observation.measured(local("2024-03-01T10:20"), "grid_in", "", 1, kwh)));
        assertTrue(e.getMessage().contains("older than the retained window"), e.getMessage());
        IllegalArgumentException old = assertThrows(IllegalArgumentException.class,
                () -> model.amount("grid_in", "", minute("2024-03-01T10:29")));
        assertTrue(old.getMessage().contains("starts before the retained window"), old.getMessage());
    }

    @Test
    void nonFiniteValuesAndBadSettingsAreRefused() {
        Unit kwh = Unit.parse("kWh");
        ObservationException nan = assertThrows(ObservationException.class,
                () -> Observation.measured(local("2024-03-01T10:00"), "grid_in", "", Double.NaN, kwh));
        assertTrue(nan.getMessage().contains("record a failed reading with quality MISSING"), nan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RateSettings.of(kwh).withMaxGap(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> Rollover.at("0", kwh));
        assertEquals(new BigDecimal("1000000.00"), Rollover.at("999999.99", kwh).modulus());
        assertEquals(new BigDecimal("4294967296"), Rollover.at("4294967295", kwh).modulus());
    }
}
