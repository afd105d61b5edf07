package io.tanhe.engine.incremental;

import io.tanhe.engine.compile.Compilation;
import io.tanhe.engine.compile.Compiler;
import io.tanhe.engine.factors.Confidence;
import io.tanhe.engine.factors.FactorLibrary;
import io.tanhe.engine.factors.FactorValue;
import io.tanhe.engine.time.BucketAmount;
import io.tanhe.engine.time.Grain;
import io.tanhe.engine.time.Observation;
import io.tanhe.engine.time.Quality;
import io.tanhe.engine.time.RateSettings;
import io.tanhe.engine.time.TimeBucket;
import io.tanhe.engine.units.Unit;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IncrementalEvaluatorTest {
    static final ZoneId UTC = ZoneId.of("UTC");
    static final Unit T = Unit.parse("t");
    static final String SOURCE = """
            methodology demo.incremental
              version 1
              title "t"
              source "s"
              industry "i"
            set boiler
            factor ef : tCO2/t
            factor ncv : GJ/t
            input burned[boiler] : t counter
            emission e[b in boiler] : tCO2 class combustion = burned[b] * ef
            value heat[b in boiler] : GJ = burned[b] * ncv
            value intensity : tCO2/GJ = sum(e) / sum(heat)
            total E : tCO2 = sum(e)
            """;

    static Compilation compiled() {
        Compilation c = Compiler.compileText("test.tanhe", SOURCE);
        assertTrue(c.ok(), c.diagnostics().toString());
        return c;
    }

    static FactorLibrary factors(double ef) {
        return FactorLibrary.of(List.of(
                new FactorValue("ef", "", BigDecimal.valueOf(ef), "tCO2/t", null, null, "test", null, Confidence.SITE, "1", null),
                new FactorValue("ncv", "", BigDecimal.valueOf(20), "GJ/t", null, null, "test", null, Confidence.SITE, "1", null)));
    }

    static IncrementalEvaluator evaluator(double ef) {
        return new IncrementalEvaluator(compiled().graph().orElseThrow(), factors(ef), UTC, Grain.MINUTE,
                List.of(Grain.HOUR, Grain.DAY));
    }

    static Observation reading(String t, String boiler, double value) {
        return new Observation(Instant.parse(t), "burned", boiler, value, T, Quality.MEASURED);
    }

    static double value(IncrementalEvaluator ev, String node, String key, Grain g, String t) {
        return ev.result(node, key, TimeBucket.of(g, Instant.parse(t), UTC)).orElseThrow().value();
    }

    @Test
    void counterDeltasStraddlingMinutesAreApportionedAndRolledUp() {
        IncrementalEvaluator ev = evaluator(2.0);
        ev.accept(reading("2024-03-01T10:00:00Z", "b1", 100));
        ev.accept(reading("2024-03-01T10:00:30Z", "b1", 110));
        ev.accept(reading("2024-03-01T10:01:30Z", "b1", 130));
        // minute 10:00: 10 t + half of 20 t = 20 t → 40 tCO2; minute 10:01: 10 t → 20 tCO2
        assertEquals(40.0, value(ev, "e", "b1", Grain.MINUTE, "2024-03-01T10:00:00Z"), 1e-9);
        assertEquals(20.0, value(ev, "e", "b1", Grain.MINUTE, "2024-03-01T10:01:00Z"), 1e-9);
        assertEquals(60.0, value(ev, "E", "", Grain.HOUR, "2024-03-01T10:00:00Z"), 1e-9);
        assertEquals(60.0, value(ev, "E", "", Grain.DAY, "2024-03-01T00:00:00Z"), 1e-9);
    }

    @Test
    void aRolledUpInputEqualsTheAmountTheTimeModelGivesForTheCoarserBucketDirectly() {
        var c = Compiler.compileText("rate.tanhe", """
                methodology demo.power
                  version 1
                  title "t"
                  source "s"
                  industry "i"
                factor ef : tCO2/MWh
                input power : kW rate
                emission e : tCO2 class purchased_electricity = power * ef
                total E : tCO2 = e
                """);
        assertTrue(c.ok(), c.diagnostics().toString());
        FactorLibrary ef = FactorLibrary.of(List.of(new FactorValue("ef", "", BigDecimal.valueOf(0.5), "tCO2/MWh", null, null,
                "test", null, Confidence.SITE, "1", null)));
        IncrementalEvaluator ev = new IncrementalEvaluator(c.graph().orElseThrow(), ef, TimeBucket.DEFAULT_ZONE, Grain.MINUTE,
                List.of(Grain.FIFTEEN_MINUTES, Grain.HOUR, Grain.DAY));
        ev.timeModel().configure("power", RateSettings.of(Unit.parse("kW·h")).withMaxGap(Duration.ofSeconds(20)));
        Instant start = LocalDateTime.parse("2024-03-31T22:00").atZone(TimeBucket.DEFAULT_ZONE).toInstant();
        for (int i = 0; i < 3 * 3600; i += 7) {
            if (i % 1000 > 60) { // gaps longer than the 20 s limit, across minute, hour and day edges
                ev.accept(Observation.measured(start.plusSeconds(i), "power", "", 100 + i % 37, Unit.parse("kW")));
            }
        }
        // the evaluator sums its minutes; the time model integrates the coarser bucket itself
        for (Grain g : List.of(Grain.FIFTEEN_MINUTES, Grain.HOUR, Grain.DAY)) {
            for (TimeBucket b : ev.buckets(g)) {
                BucketAmount direct = ev.timeModel().amount("power", "", b);
                ResultValue power = ev.result("power", "", b).orElseThrow();
                assertTrue(direct.fed() && power.present(), b.toString());
                assertEquals(direct.amount(), power.value(), 1e-9, b.toString());
                assertEquals(direct.amount() * 0.5 / 1000, ev.result("E", "", b).orElseThrow().value(), 1e-12, b.toString());
                assertEquals(direct.completeness(), power.completeness(), 1e-12, b.toString());
                assertEquals(direct.quality(), power.quality(), b.toString());
            }
        }
        assertEquals(2, ev.buckets(Grain.DAY).size(), "the feed crosses local midnight");
    }

    @Test
    void eachMinuteReadsTheFactorValueValidOnItsLocalDateAcrossMidnightAndAFactorChange() {
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        FactorLibrary byDate = FactorLibrary.of(List.of(
                new FactorValue("ef", "", BigDecimal.valueOf(2), "tCO2/t", null, java.time.LocalDate.parse("2024-03-02"),
                        "test", null, Confidence.SITE, "1", null),
                new FactorValue("ef", "", BigDecimal.valueOf(3), "tCO2/t", java.time.LocalDate.parse("2024-03-02"),
                        java.time.LocalDate.parse("2024-03-03"), "test", null, Confidence.SITE, "1", null),
                new FactorValue("ncv", "", BigDecimal.valueOf(20), "GJ/t", null, null, "test", null, Confidence.SITE, "1", null)));
        IncrementalEvaluator ev = new IncrementalEvaluator(compiled().graph().orElseThrow(), byDate, shanghai, Grain.MINUTE,
                List.of(Grain.HOUR, Grain.DAY));
        // 1 t a minute from 23:58 local on 1 March to 00:02 on 3 March, in one counter delta spread by time
        Instant first = LocalDateTime.parse("2024-03-01T23:58").atZone(shanghai).toInstant();
        Instant last = LocalDateTime.parse("2024-03-03T00:02").atZone(shanghai).toInstant();
        ev.accept(new Observation(first, "burned", "b1", 0, T, Quality.MEASURED));
        ev.accept(new Observation(last, "burned", "b1", Duration.between(first, last).toMinutes(), T, Quality.MEASURED));
        java.util.function.Function<String, ResultValue> minute = local -> ev.result("e", "b1",
                TimeBucket.of(Grain.MINUTE, LocalDateTime.parse(local).atZone(shanghai).toInstant(), shanghai)).orElseThrow();
        assertEquals(2.0, minute.apply("2024-03-01T23:59").value(), 1e-9, "1 March: ef 2");
        assertEquals(3.0, minute.apply("2024-03-02T00:00").value(), 1e-9, "2 March: ef 3");
        assertEquals(3.0, minute.apply("2024-03-02T23:59").value(), 1e-9);
        ResultValue third = minute.apply("2024-03-03T00:00");
        assertTrue(third.failed(), "no ef is valid on 3 March: " + third);
        assertEquals("no value of factor ef is valid on 2024-03-03", third.problemText());
        // a replaced library is read at once, not the leaves of the library before
        ev.replaceFactors(factors(5), "ef revised");
        assertEquals(5.0, minute.apply("2024-03-02T00:00").value(), 1e-9);
        assertTrue(minute.apply("2024-03-03T00:00").present(), "ef 5 is valid on every date");
    }

    @Test
    void ratiosAreRecomputedFromRolledUpOperandsNotAveraged() {
        IncrementalEvaluator ev = evaluator(2.0);
        ev.accept(reading("2024-03-01T10:00:00Z", "b1", 0));
        ev.accept(reading("2024-03-01T10:01:00Z", "b1", 10));
        ev.accept(reading("2024-03-01T10:01:00Z", "b2", 0));
        ev.accept(reading("2024-03-01T10:02:00Z", "b2", 30));
        // hour: E = 80 tCO2, heat = 800 GJ → 0.1 tCO2/GJ (the same as each minute here, but computed from sums)
        assertEquals(80.0, value(ev, "E", "", Grain.HOUR, "2024-03-01T10:00:00Z"), 1e-9);
        assertEquals(800.0, value(ev, "heat", "b1", Grain.HOUR, "2024-03-01T10:00:00Z") + value(ev, "heat", "b2", Grain.HOUR, "2024-03-01T10:00:00Z"), 1e-9);
        assertEquals(0.1, value(ev, "intensity", "", Grain.HOUR, "2024-03-01T10:00:00Z"), 1e-12);
    }

    @Test
    void aRoundedFigureRoundsTheCoarserBucketsOwnValueNotEachMinute() {
        String source = SOURCE + "total reported : tCO2 = round(E, 0)\n";
        var c = Compiler.compileText("rounded.tanhe", source);
        assertTrue(c.ok(), c.diagnostics().toString());
        IncrementalEvaluator ev = new IncrementalEvaluator(c.graph().orElseThrow(), factors(1.0), UTC, Grain.MINUTE,
                List.of(Grain.HOUR));
        ev.accept(reading("2024-03-01T10:00:00Z", "b1", 0));
        for (int m = 1; m <= 6; m++) {
            ev.accept(reading(String.format("2024-03-01T10:%02d:00Z", m), "b1", 0.3 * m));
        }
        // each minute: 0.3 tCO2, rounded 0; the hour: 1.8 tCO2, rounded 2 — not six zeros
        assertEquals(0.0, value(ev, "reported", "", Grain.MINUTE, "2024-03-01T10:00:00Z"), 1e-9);
        assertEquals(1.8, value(ev, "E", "", Grain.HOUR, "2024-03-01T10:00:00Z"), 1e-9);
        assertEquals(2.0, value(ev, "reported", "", Grain.HOUR, "2024-03-01T10:00:00Z"), 1e-9);
    }

    @Test
    void aLateObservationRevisesAClosedBucketAndKeepsTheEarlierValue() {
        IncrementalEvaluator ev = evaluator(2.0);
        ev.accept(reading("2024-03-01T10:00:00Z", "b1", 0));
        ev.accept(reading("2024-03-01T10:02:00Z", "b1", 20));
        ev.accept(reading("2024-03-01T11:30:00Z", "b1", 20));
        double before = value(ev, "e", "b1", Grain.MINUTE, "2024-03-01T10:00:00Z");
        assertEquals(20.0, before, 1e-9); // 10 t spread evenly → 20 tCO2
        ev.accept(reading("2024-03-01T10:01:00Z", "b1", 15)); // late: the first minute had 15 t, the second 5 t
        assertEquals(30.0, value(ev, "e", "b1", Grain.MINUTE, "2024-03-01T10:00:00Z"), 1e-9);
        assertEquals(40.0, value(ev, "E", "", Grain.HOUR, "2024-03-01T10:00:00Z"), 1e-9);
        assertTrue(ev.revisions().stream().anyMatch(r -> r.node().equals("e") && r.bucket().grain() == Grain.MINUTE
                && r.oldValue() == 20.0 && r.newValue() == 30.0 && r.reason().contains("late observation")));
    }

    @Test
    void aFactorChangeRecomputesHeldBucketsAndRecordsRevisions() {
        IncrementalEvaluator ev = evaluator(2.0);
        ev.accept(reading("2024-03-01T10:00:00Z", "b1", 0));
        ev.accept(reading("2024-03-01T10:01:00Z", "b1", 10));
        ev.accept(reading("2024-03-01T12:00:00Z", "b1", 10));
        ev.replaceFactors(factors(3.0), "ef updated by the administrator");
        assertEquals(30.0, value(ev, "E", "", Grain.HOUR, "2024-03-01T10:00:00Z"), 1e-9);
        assertTrue(ev.revisions().stream().anyMatch(r -> r.node().equals("E") && r.bucket().grain() == Grain.HOUR
                && r.oldValue() == 20.0 && r.newValue() == 30.0));
    }

    @Test
    void aMissingFactorFailsTheKeyAndSaysWhyNeverZero() {
        IncrementalEvaluator ev = new IncrementalEvaluator(compiled().graph().orElseThrow(),
                FactorLibrary.of(List.of(new FactorValue("ncv", "", BigDecimal.TEN, "GJ/t", null, null, "t", null, Confidence.SITE, "1", null))),
                UTC, Grain.MINUTE, List.of(Grain.HOUR));
        ev.accept(reading("2024-03-01T10:00:00Z", "b1", 0));
        ev.accept(reading("2024-03-01T10:01:00Z", "b1", 10));
        ResultValue e = ev.result("E", "", TimeBucket.of(Grain.HOUR, Instant.parse("2024-03-01T10:00:00Z"), UTC)).orElseThrow();
        assertTrue(e.failed());
        assertFalse(e.present());
        assertEquals(io.tanhe.grammar.diagnostics.ErrorCode.E600, e.problem());
        assertTrue(e.problemText().contains("ef"), e.problemText());
    }

    @Test
    void incrementalResultsEqualAFullRecomputationForRandomLateSequences() {
        Random random = new Random(42);
        for (int round = 0; round < 30; round++) {
            List<Observation> obs = new ArrayList<>();
            for (String b : List.of("b1", "b2")) {
                double total = 0;
                Instant t = Instant.parse("2024-03-01T09:58:00Z");
                for (int i = 0; i < 40; i++) {
                    t = t.plusSeconds(5 + random.nextInt(200));
                    total += random.nextDouble() * 5;
                    obs.add(reading(t.toString(), b, total));
                }
            }
            List<Observation> shuffled = new ArrayList<>(obs);
            Collections.shuffle(shuffled, random);
            IncrementalEvaluator late = evaluator(2.0);
            shuffled.forEach(late::accept);
            IncrementalEvaluator sorted = evaluator(2.0);
            obs.stream().sorted((a, b) -> a.timestamp().compareTo(b.timestamp())).forEach(sorted::accept);
            for (Grain g : List.of(Grain.MINUTE, Grain.HOUR, Grain.DAY)) {
                List<ResultValue> a = late.results(g, Instant.MIN, Instant.MAX, Set.of());
                for (ResultValue r : a) {
                    ResultValue o = sorted.result(r.node(), r.key(), r.bucket()).orElseThrow();
                    assertEquals(o.present(), r.present(), r.label() + " " + r.bucket());
                    if (o.present()) {
                        assertEquals(o.value(), r.value(), 1e-9 * Math.max(1, Math.abs(o.value())), "round " + round + " " + r.label() + " " + r.bucket());
                    }
                }
            }
        }
    }
}
