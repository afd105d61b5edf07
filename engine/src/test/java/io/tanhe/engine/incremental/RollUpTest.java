package io.tanhe.engine.incremental;

import io.tanhe.engine.compile.Compilation;
import io.tanhe.engine.compile.Compiler;
import io.tanhe.engine.factors.Confidence;
import io.tanhe.engine.factors.FactorLibrary;
import io.tanhe.engine.factors.FactorValue;
import io.tanhe.engine.graph.ComputationGraph;
import io.tanhe.engine.time.Grain;
import io.tanhe.engine.time.Observation;
import io.tanhe.engine.time.Quality;
import io.tanhe.engine.time.TimeBucket;
import io.tanhe.engine.units.Unit;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RollUpTest {
    static final ZoneId UTC = ZoneId.of("UTC");
    static final String PLANT = """
            methodology demo.rollup
              version 1
              title "t"
              source "s"
              industry "i"
            factor ef : tCO2/t
            input fuel : t counter
            input power : MWh counter
            emission e : tCO2 class combustion = fuel * ef
            total E : tCO2 = e
            value intensity : tCO2/MWh = E / power
            value reported : tCO2 = round(E, 0)
            """;

    static ComputationGraph graph(String source) {
        Compilation c = Compiler.compileText("test.tanhe", source);
        assertTrue(c.ok(), c.diagnostics().toString());
        return c.graph().orElseThrow();
    }

    static FactorLibrary ef(double value) {
        return FactorLibrary.of(List.of(
                new FactorValue("ef", "", BigDecimal.valueOf(value), "tCO2/t", null, null, "test", null, Confidence.SITE, "1", null)));
    }

    static TimeBucket day(String date) {
        return TimeBucket.of(Grain.DAY, Instant.parse(date + "T00:00:00Z"), UTC);
    }

    /** The figures a terminal stores for one day of the plant: fuel, power, e, E and the day's own ratio. */
    static List<RollUp.Part> plantDay(TimeBucket bucket, double fuel, double power) {
        double e = fuel * 2;
        return List.of(part("fuel", bucket, fuel), part("power", bucket, power), part("e", bucket, e), part("E", bucket, e),
                part("intensity", bucket, e / power), part("reported", bucket, Math.round(e)));
    }

    static RollUp.Part part(String node, TimeBucket bucket, double value) {
        return new RollUp.Part(node, "", bucket, value, Quality.MEASURED, 1.0, null);
    }

    static Map<String, ResultValue> byNode(List<ResultValue> values) {
        return values.stream().collect(Collectors.toMap(ResultValue::label, Function.identity()));
    }

    @Test
    void aMonthsIntensityIsItsSummedEmissionOverItsSummedPowerNotASumOrMeanOfDailyRatios() {
        // Hand-worked: ef 2 tCO2/t. Day 1: 50 t, 200 MWh → E 100, 0.5 tCO2/MWh; day 2: 15 t, 100 MWh → E 30, 0.3;
        // day 3: 5.2 t, 10 MWh → E 10.4, 1.04. Month: E 140.4 t, power 310 MWh → 140.4 / 310 = 0.452903… tCO2/MWh
        // (the daily ratios would sum to 1.84 and average 0.6133).
        List<RollUp.Part> parts = new ArrayList<>();
        parts.addAll(plantDay(day("2026-01-01"), 50, 200));
        parts.addAll(plantDay(day("2026-01-02"), 15, 100));
        parts.addAll(plantDay(day("2026-01-03"), 5.2, 10));
        TimeBucket january = TimeBucket.of(Grain.MONTH, Instant.parse("2026-01-01T00:00:00Z"), UTC);

        Map<String, ResultValue> month = byNode(new RollUp(graph(PLANT), ef(2), UTC).evaluate(january, parts));

        assertEquals(140.4, month.get("E").value(), 1e-9);
        assertEquals(310, month.get("power").value(), 1e-9);
        assertEquals(0.45290322580645163, month.get("intensity").value(), 1e-12);
        assertEquals(140, month.get("reported").value(), 0, "round(E, 0) of the month's E, not the sum of rounded days (100 + 30 + 10 = 140 too, so check a year)");
        assertEquals(Quality.MEASURED, month.get("intensity").quality());
        assertEquals(3.0 / 31, month.get("intensity").completeness(), 1e-12, "three days of 31 covered");
    }

    @Test
    void aYearsIntensityComesFromItsMonthsOperandsAndItsRoundedTotalIsRoundedOnce() {
        // Hand-worked: January E 140.4 t over 310 MWh, February E 60.4 t over 90 MWh (each as stored months).
        // Year: E 200.8 t over 400 MWh = 0.502 tCO2/MWh; round(E, 0) = 201, where the months' rounded figures sum to 140 + 60 = 200.
        TimeBucket january = TimeBucket.of(Grain.MONTH, Instant.parse("2026-01-01T00:00:00Z"), UTC);
        TimeBucket february = january.next();
        List<RollUp.Part> parts = new ArrayList<>();
        parts.addAll(plantDay(january, 70.2, 310));
        parts.addAll(plantDay(february, 30.2, 90));
        TimeBucket year = TimeBucket.of(Grain.YEAR, january.start(), UTC);

        Map<String, ResultValue> y = byNode(new RollUp(graph(PLANT), ef(2), UTC).evaluate(year, parts));

        assertEquals(200.8, y.get("E").value(), 1e-9);
        assertEquals(0.502, y.get("intensity").value(), 1e-12);
        assertEquals(201, y.get("reported").value(), 0);
        assertEquals((31.0 + 28) / 365, y.get("E").completeness(), 1e-12);
    }

    @Test
    void aFailedDayMakesTheSumFailWithItsProblemAndAWeakDayWeakensTheMonth() {
        TimeBucket d1 = day("2026-03-01");
        TimeBucket d2 = day("2026-03-02");
        List<RollUp.Part> parts = new ArrayList<>(plantDay(d1, 10, 20));
        parts.add(new RollUp.Part("fuel", "", d2, 5, Quality.MANUAL, 0.5, null));
        parts.add(new RollUp.Part("power", "", d2, 10, Quality.MEASURED, 1, null));
        parts.add(new RollUp.Part("e", "", d2, 0, Quality.MISSING, 0, "no value of factor ef is valid on 2026-03-02"));
        parts.add(new RollUp.Part("E", "", d2, 0, Quality.MISSING, 0, "no value of factor ef is valid on 2026-03-02"));
        TimeBucket march = TimeBucket.of(Grain.MONTH, d1.start(), UTC);

        Map<String, ResultValue> m = byNode(new RollUp(graph(PLANT), ef(2), UTC).evaluate(march, parts));

        assertTrue(m.get("e").failed());
        assertEquals("no value of factor ef is valid on 2026-03-02", m.get("e").problemText());
        assertTrue(m.get("intensity").failed(), "a ratio over a failed sum fails, never a partial figure");
        assertEquals(Quality.MANUAL, m.get("fuel").quality());
        assertEquals(1.5 / 31, m.get("fuel").completeness(), 1e-12);
    }

    /** A plant whose stored figures include one that reads a factor directly (intensive: recomputed, never summed). */
    static final String FACTOR_READER = """
            methodology demo.reader
              version 1
              title "t"
              source "s"
              industry "i"
            factor ef : tCO2/t
            input fuel : t counter
            emission e : tCO2 class combustion = fuel * ef
            total E : tCO2 = e
            value ef_applied : tCO2/t = ef * 1
            """;

    /** ef = {@code before} until {@code change} (exclusive), {@code after} from it: a factor package activated from that day. */
    static FactorLibrary efChanging(double before, java.time.LocalDate change, double after) {
        return FactorLibrary.of(List.of(
                new FactorValue("ef", "", BigDecimal.valueOf(before), "tCO2/t", null, change, "site table", null, Confidence.SITE, "1", null),
                new FactorValue("ef", "", BigDecimal.valueOf(after), "tCO2/t", change, null, "package", null, Confidence.SITE, "2", null)));
    }

    @Test
    void aFactorChangingInsideTheMonthCountsAsTheMeanOfItsDaysValuesWeightedByTheirTime() {
        // Hand-worked: ef 2 tCO2/t on 1–15 January, 3 from 16 January (a package effective that day).
        // January: (15 × 2 + 16 × 3) / 31 = 78 / 31 = 2.516129032258… tCO2/t; the first day's value alone would be 2.
        // Its emission stays the sum of the days as stored: day 10, 10 t × 2 = 20; day 20, 10 t × 3 = 30 → 50 tCO2.
        FactorLibrary factors = efChanging(2, java.time.LocalDate.parse("2026-01-16"), 3);
        TimeBucket d10 = day("2026-01-10");
        TimeBucket d20 = day("2026-01-20");
        List<RollUp.Part> parts = List.of(part("fuel", d10, 10), part("e", d10, 20), part("E", d10, 20), part("ef_applied", d10, 2),
                part("fuel", d20, 10), part("e", d20, 30), part("E", d20, 30), part("ef_applied", d20, 3));
        TimeBucket january = TimeBucket.of(Grain.MONTH, Instant.parse("2026-01-01T00:00:00Z"), UTC);

        Map<String, ResultValue> month = byNode(new RollUp(graph(FACTOR_READER), factors, UTC).evaluate(january, parts));

        assertEquals(78.0 / 31, month.get("ef_applied").value(), 1e-12);
        assertEquals(50, month.get("E").value(), 1e-12);
        TimeBucket february = january.next();
        Map<String, ResultValue> feb = byNode(new RollUp(graph(FACTOR_READER), factors, UTC)
                .evaluate(february, List.of(part("fuel", day("2026-02-03"), 1))));
        assertEquals(3, feb.get("ef_applied").value(), 0, "a month wholly after the change holds the new value exactly");
    }

    @Test
    void withFactorsSwitchesTheLibraryAndAFactorValidOnNoDayOfTheBucketFailsNamingTheDays() {
        TimeBucket january = TimeBucket.of(Grain.MONTH, Instant.parse("2026-01-01T00:00:00Z"), UTC);
        List<RollUp.Part> parts = List.of(part("fuel", day("2026-01-05"), 10));
        RollUp rollUp = new RollUp(graph(FACTOR_READER), ef(2), UTC);
        assertEquals(2, byNode(rollUp.evaluate(january, parts)).get("ef_applied").value(), 0);

        assertEquals(5, byNode(rollUp.withFactors(ef(5)).evaluate(january, parts)).get("ef_applied").value(), 0,
                "the library given last is read");
        FactorLibrary fromFebruary = FactorLibrary.of(List.of(new FactorValue("ef", "", BigDecimal.ONE, "tCO2/t",
                java.time.LocalDate.parse("2026-02-01"), null, "package", null, Confidence.SITE, "2", null)));
        ResultValue failed = byNode(rollUp.withFactors(fromFebruary).evaluate(january, parts)).get("ef_applied");
        assertTrue(failed.failed());
        assertEquals("no value of factor ef is valid on any day from 2026-01-01 to 2026-01-31", failed.problemText());
    }

    @Test
    void partsOutsideTheBucketOrNotFinerAreRefused() {
        RollUp rollUp = new RollUp(graph(PLANT), ef(2), UTC);
        TimeBucket january = TimeBucket.of(Grain.MONTH, Instant.parse("2026-01-01T00:00:00Z"), UTC);
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class,
                () -> rollUp.evaluate(january, plantDay(day("2026-02-01"), 1, 1)));
        assertTrue(outside.getMessage().contains("not a finer bucket inside"), outside.getMessage());
        assertThrows(IllegalArgumentException.class, () -> rollUp.evaluate(january, plantDay(january, 1, 1)));
    }

    /**
     * The live evaluator holding a whole month of minutes, and a roll-up of its stored days, give the same
     * month and the same week (one straddling the month's end), under generated code and the interpreter.
     */
    @Test
    void rollingUpStoredDaysGivesTheLiveEvaluatorsMonthAndWeekInBothExecutions() {
        ComputationGraph graph = graph(IncrementalEvaluatorTest.SOURCE);
        FactorLibrary factors = IncrementalEvaluatorTest.factors(2.5);
        IncrementalEvaluator live = new IncrementalEvaluator(graph, factors, UTC, Grain.MINUTE,
                List.of(Grain.HOUR, Grain.DAY, Grain.WEEK, Grain.MONTH), Execution.INTERPRETED);
        Random random = new Random(11);
        double[] counters = {1000, 5000};
        for (Instant t = Instant.parse("2026-04-27T00:00:00Z"); t.isBefore(Instant.parse("2026-05-04T00:00:00Z")); t = t.plusSeconds(600)) {
            for (int b = 0; b < 2; b++) {
                if (random.nextInt(10) > 0) {
                    counters[b] += random.nextDouble() * (b + 1);
                    live.accept(new Observation(t, "burned", "b" + (b + 1), counters[b], Unit.parse("t"), b == 1 && random.nextInt(5) == 0
                            ? Quality.ESTIMATED : Quality.MEASURED));
                }
            }
        }
        List<RollUp.Part> days = new ArrayList<>();
        Set<String> stored = graph.nodes().stream().filter(n -> n.kind() != io.tanhe.engine.graph.NodeKind.FACTOR)
                .map(io.tanhe.engine.graph.Node::name).collect(Collectors.toSet());
        for (ResultValue v : live.results(Grain.DAY, Instant.MIN, Instant.MAX, stored)) {
            if (v.present() || v.failed()) {
                days.add(new RollUp.Part(v.node(), v.key(), v.bucket(), v.present() ? v.value() : 0,
                        v.failed() ? Quality.MISSING : v.quality(), v.completeness(), v.problemText()));
            }
        }
        TimeBucket week = TimeBucket.of(Grain.WEEK, Instant.parse("2026-04-29T00:00:00Z"), UTC);
        assertEquals(Instant.parse("2026-04-27T00:00:00Z"), week.start(), "a week starts on Monday");
        TimeBucket may = TimeBucket.of(Grain.MONTH, Instant.parse("2026-05-01T00:00:00Z"), UTC);
        for (TimeBucket coarse : List.of(week, may)) {
            List<RollUp.Part> inside = days.stream().filter(p -> coarse.encloses(p.bucket())).toList();
            Map<String, ResultValue> expected = byNode(live.results(coarse.grain(), coarse.start(), coarse.end().plusNanos(1), stored))
                    .entrySet().stream().filter(e -> e.getValue().bucket().equals(coarse))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            for (Execution execution : Execution.values()) {
                Map<String, ResultValue> rolled = byNode(new RollUp(graph, factors, UTC, execution).evaluate(coarse, inside));
                assertFalse(expected.isEmpty());
                for (ResultValue e : expected.values()) {
                    ResultValue r = rolled.get(e.label());
                    String where = e.label() + " in " + coarse + " (" + execution + ")";
                    assertEquals(e.present(), r.present(), where);
                    assertEquals(e.value(), r.value(), Math.abs(e.value()) * 1e-12, where);
                    assertEquals(e.quality(), r.quality(), where);
                    assertEquals(e.completeness(), r.completeness(), 1e-9, where);
                }
            }
        }
    }

    static final String METERED = """
            methodology demo.metered
              version 1
              title "t"
              source "s"
              industry "i"
            set meter
            factor ef : tCO2/MWh
            input energy[meter] : MWh counter
            emission power[m in meter] : tCO2 class purchased_electricity = energy[m] * ef
            total E : tCO2 = sum(power)
            """;

    /** Two days of {@code meters} metered points as a terminal stores them; meter 7 failed on the second day, meter 3 was estimated. */
    static List<RollUp.Part> meteredDays(int meters) {
        List<RollUp.Part> parts = new ArrayList<>();
        for (TimeBucket d : List.of(day("2026-03-09"), day("2026-03-10"))) {
            double total = 0;
            for (int m = 0; m < meters; m++) {
                String key = "m" + m;
                double energy = 10 + m * 0.1 + (d.start().getEpochSecond() % 7);
                boolean failed = m == 7 && d.start().equals(Instant.parse("2026-03-10T00:00:00Z"));
                Quality quality = failed ? Quality.MISSING : m == 3 ? Quality.ESTIMATED : Quality.MEASURED;
                parts.add(new RollUp.Part("energy", key, d, failed ? 0 : energy, quality, failed ? 0 : 1.0, failed ? "no reading" : null));
                parts.add(new RollUp.Part("power", key, d, failed ? 0 : energy * 0.5, quality, failed ? 0 : 1.0, failed ? "no reading" : null));
                total += failed ? 0 : energy * 0.5;
            }
            parts.add(new RollUp.Part("E", "", d, total, Quality.ESTIMATED, 1.0, null));
        }
        return parts;
    }

    @Test
    void aFoldFedOnePartAtATimeGivesTheFiguresOfEvaluateToTheBitInChunksOfAnySize() {
        TimeBucket march = TimeBucket.of(Grain.MONTH, Instant.parse("2026-03-01T00:00:00Z"), UTC);
        List<RollUp.Part> parts = meteredDays(3_000);
        List<ResultValue> whole = new RollUp(graph(METERED), FactorLibrary.of(List.of(
                new FactorValue("ef", "", BigDecimal.valueOf(0.5), "tCO2/MWh", null, null, "test", null, Confidence.SITE, "1", null))), UTC)
                .evaluate(march, parts);

        RollUp streamed = new RollUp(graph(METERED), FactorLibrary.of(List.of(
                new FactorValue("ef", "", BigDecimal.valueOf(0.5), "tCO2/MWh", null, null, "test", null, Confidence.SITE, "1", null))), UTC);
        RollUp.Fold first = streamed.fold(march);
        parts.forEach(first::add);
        assertEquals(parts.size(), first.parts());
        assertTrue(first.reexpand(), "the meters are members of an open set the roll-up had not seen");
        RollUp.Fold fold = streamed.fold(march);
        parts.forEach(fold::add);
        assertFalse(fold.reexpand(), "the second pass knows every meter");
        List<List<ResultValue>> chunks = new ArrayList<>();
        fold.figures(250, chunks::add);

        assertEquals(whole, chunks.stream().flatMap(List::stream).toList());
        assertEquals((whole.size() + 249) / 250, chunks.size());
        assertTrue(chunks.stream().allMatch(c -> c.size() <= 250), "no chunk holds more than 250 figures");
        Map<String, ResultValue> byLabel = byNode(whole);
        double expectedE = parts.stream().filter(p -> p.node().equals("E")).mapToDouble(RollUp.Part::value).sum();
        assertEquals(expectedE, byLabel.get("E").value(), 1e-9, "E of March: the sum of its days' E");
        assertEquals(2 * (10 + 12 * 0.1) + (day("2026-03-09").start().getEpochSecond() % 7)
                + (day("2026-03-10").start().getEpochSecond() % 7), byLabel.get("energy[m12]").value(), 1e-9);
        assertTrue(byLabel.get("power[m7]").failed(), "a failed day fails its meter's month: " + byLabel.get("power[m7]"));
        assertEquals("no reading", byLabel.get("power[m7]").problemText());
        assertEquals(Quality.ESTIMATED, byLabel.get("power[m3]").quality());
        assertEquals(2.0 / 31, byLabel.get("energy[m12]").completeness(), 1e-12, "two days of March covered");
    }

    @Test
    void aFoldRefusesAPartOutsideItsBucketAndAChunkBelowOne() {
        RollUp rollUp = new RollUp(graph(PLANT), ef(2), UTC);
        TimeBucket january = TimeBucket.of(Grain.MONTH, Instant.parse("2026-01-01T00:00:00Z"), UTC);
        RollUp.Fold fold = rollUp.fold(january);
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class,
                () -> fold.add(part("fuel", day("2026-02-01"), 1)));
        assertTrue(outside.getMessage().contains("fuel of") && outside.getMessage().contains("not a finer bucket inside"),
                outside.getMessage());
        IllegalArgumentException chunk = assertThrows(IllegalArgumentException.class, () -> fold.figures(0, c -> { }));
        assertTrue(chunk.getMessage().contains("chunk must be at least 1"), chunk.getMessage());
    }

    @Test
    void aMonthsIntensityFromAFoldInChunksOfOneIsItsSummedEmissionOverItsSummedPower() {
        TimeBucket january = TimeBucket.of(Grain.MONTH, Instant.parse("2026-01-01T00:00:00Z"), UTC);
        List<RollUp.Part> parts = new ArrayList<>(plantDay(day("2026-01-05"), 10, 40));
        parts.addAll(plantDay(day("2026-01-06"), 30, 20));
        RollUp.Fold fold = new RollUp(graph(PLANT), ef(2), UTC).fold(january);
        parts.forEach(fold::add);
        assertFalse(fold.reexpand(), "the plant has no open set");
        List<ResultValue> figures = new ArrayList<>();
        fold.figures(1, chunk -> {
            assertEquals(1, chunk.size());
            figures.addAll(chunk);
        });
        Map<String, ResultValue> month = byNode(figures);
        assertEquals(80, month.get("E").value(), 1e-12, "(10 + 30) t × 2");
        assertEquals(60, month.get("power").value(), 1e-12);
        assertEquals(80.0 / 60, month.get("intensity").value(), 1e-12, "80 / 60, not 20/40 + 60/20 nor their mean");
        assertEquals(80, month.get("reported").value(), 1e-12);
        assertEquals(new RollUp(graph(PLANT), ef(2), UTC).evaluate(january, parts), figures);
    }
}
