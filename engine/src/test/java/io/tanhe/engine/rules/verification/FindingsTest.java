package io.tanhe.engine.rules.verification;

import io.tanhe.engine.rules.RuleSet;
import io.tanhe.engine.rules.RuleSource;
import io.tanhe.engine.rules.RulesEngine;
import io.tanhe.engine.rules.RulesSettings;
import io.tanhe.engine.rules.alert.AlertEvent;
import io.tanhe.engine.rules.fact.BucketResultFact;
import io.tanhe.engine.rules.fact.CalibrationFact;
import io.tanhe.engine.rules.fact.ObservationFact;
import io.tanhe.engine.rules.fact.PeriodChangeFact;
import io.tanhe.engine.rules.validation.Verdict;
import io.tanhe.engine.time.Grain;
import io.tanhe.engine.time.Quality;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A verification rule reports findings to the listeners: not a verdict on the fact, not an alert. */
class FindingsTest {
    private static final Instant T0 = Instant.parse("2026-05-31T16:00:00Z");
    private static final String DRL = """
            package test.verification;
            import io.tanhe.engine.rules.fact.ObservationFact;
            import io.tanhe.engine.rules.fact.BucketResultFact;
            import io.tanhe.engine.rules.fact.PeriodChangeFact;
            import io.tanhe.engine.rules.fact.VerificationLimit;
            import io.tanhe.engine.time.Grain;
            global io.tanhe.engine.rules.verification.Findings findings;

            rule "ncv out of range"
            when
                $o : ObservationFact(point == "ncv", convertibleTo("GJ/t"), valueIn("GJ/t") > 30)
            then
                findings.reading(kcontext, $o, "T/V10", "table 12", false, "<= 30 GJ/t", "too high");
            end

            rule "month differs"
            when
                $b : BucketResultFact(node == "deviation", grain == Grain.MONTH, convertibleTo("%"), valueIn("%") > 1)
            then
                findings.bucket(kcontext, $b, "T/V8", "table 7", true, "1 %", "differs");
            end

            rule "year on year"
            when
                $l : VerificationLimit(name == "yoy")
                $c : PeriodChangeFact(changePercent > $l.value)
            then
                findings.change(kcontext, $c, "T/V5", "3.4.1.3", false, "" + $l.value(), "changed");
            end
            """;

    private record Run(RulesEngine engine, List<VerificationFinding> found, List<AlertEvent> alerts) implements AutoCloseable {
        @Override
        public void close() {
            engine.close();
        }
    }

    private static Run start(Map<String, Double> limits) throws Exception {
        RulesEngine engine = RulesEngine.start(new RuleSet("t", List.of(new RuleSource("test/verification.drl", DRL))),
                new RulesSettings(Duration.ofDays(1), Map.of(), null, limits));
        Run run = new Run(engine, new ArrayList<>(), new ArrayList<>());
        engine.addFindingListener(run.found()::add);
        engine.addListener(run.alerts()::add);
        return run;
    }

    @Test
    void aFindingGoesToTheListenersLeavesTheReadingValidAndRaisesNoAlert() throws Exception {
        try (Run r = start(Map.of())) {
            Verdict v = r.engine().observe(new ObservationFact("ncv", "unit1", T0, 31, "GJ/t", Quality.MANUAL, "lab"));
            assertEquals(Verdict.VALID, v);
            assertEquals(1, r.found().size());
            VerificationFinding f = r.found().getFirst();
            assertEquals("T/V10", f.check());
            assertEquals("ncv[unit1]", f.subject());
            assertNull(f.grain(), "a reading has no grain");
            assertEquals(T0, f.from());
            assertEquals(T0, f.to());
            assertEquals(31, f.measured());
            assertEquals("ncv out of range", f.rule());
            assertEquals("T/V10|ncv[unit1]|reading|" + T0, f.dedupKey());
            assertEquals(List.of(), r.alerts());
            r.engine().observe(new ObservationFact("ncv", "unit1", T0.plusSeconds(60), 30, "GJ/t", Quality.MANUAL, "lab"));
            assertEquals(1, r.found().size(), "30 is on the bound");
        }
    }

    @Test
    void aBucketFindingCarriesItsPeriodAndTemplateFlag() throws Exception {
        try (Run r = start(Map.of())) {
            Instant end = Instant.parse("2026-06-30T16:00:00Z");
            r.engine().result(new BucketResultFact("deviation", "", Grain.MONTH, T0, end, 2, "%", Quality.MEASURED, 1));
            VerificationFinding f = r.found().getFirst();
            assertEquals(Grain.MONTH, f.grain());
            assertEquals(end, f.to());
            assertTrue(f.template());
        }
    }

    @Test
    void aCheckWithoutItsLimitDoesNotRun() throws Exception {
        PeriodChangeFact up = new PeriodChangeFact("E", "", Grain.YEAR, T0, T0.plusSeconds(86_400 * 365), 120, 100, "tCO2");
        assertEquals(20, up.changePercent(), 1e-9);
        try (Run r = start(Map.of())) {
            r.engine().change(up);
            assertEquals(List.of(), r.found(), "no limit, no check");
        }
        try (Run r = start(Map.of("yoy", 10.0))) {
            r.engine().change(up);
            assertEquals(1, r.found().size());
            assertEquals(20, r.found().getFirst().measured(), 1e-9);
            assertEquals("%", r.found().getFirst().unit());
        }
    }

    @Test
    void aCalibrationFactTellsTheDaysItsCalibrationCoversInTheSitesZone() {
        java.time.ZoneId zone = java.time.ZoneOffset.ofHours(8);
        LocalDate day = LocalDate.of(2026, 6, 1);
        CalibrationFact c = new CalibrationFact("m", "n", LocalDate.of(2026, 4, 20), true, day, List.of("m.total"),
                day.atStartOfDay(zone).toInstant(), "0.5 级", LocalDate.of(2025, 10, 20), "±0.8 %", List.of("coal_burned[unit1]"), zone);
        Instant apr20 = LocalDate.of(2026, 4, 20).atStartOfDay(zone).toInstant();
        assertTrue(c.coveredOn(apr20) && !c.uncoveredOn(apr20), "the due day is covered");
        assertTrue(c.uncoveredOn(apr20.plus(Duration.ofDays(1))) && !c.coveredOn(apr20.plus(Duration.ofDays(1))));
        Instant oct19 = LocalDate.of(2025, 10, 19).atStartOfDay(zone).toInstant();
        assertTrue(!c.coveredOn(oct19) && !c.uncoveredOn(oct19), "before the calibration on record: neither");
        assertTrue(c.uncoveredOn(Instant.parse("2026-04-20T16:00:00Z")), "midnight of 21 April in UTC+8");
        assertTrue(c.coveredOn(Instant.parse("2026-04-20T15:59:00Z")), "still 20 April in UTC+8");
        assertEquals(0.8, c.calibrationAccuracyPercent());
        assertEquals(0.3, c.accuracyExcessPercent(), 1e-12);
        assertTrue(c.feeds("coal_burned", "unit1") && !c.feeds("coal_burned", "unit2") && !c.feeds("coal_burned", ""));
        CalibrationFact never = new CalibrationFact("m", "n", null, true, day, List.of(), day.atStartOfDay(zone).toInstant(), "",
                null, "", List.of(), zone);
        assertTrue(never.uncoveredOn(apr20) && !never.coveredOn(apr20), "never calibrated: no day is covered");
        assertTrue(Double.isNaN(never.accuracyExcessPercent()));
        assertEquals(zone, new CalibrationFact("m", "n", null, true, day, List.of(), day.atStartOfDay(zone).toInstant(), "").zone(),
                "the short form takes the offset at which its day starts");
    }

    @Test
    void aCorrectedFigureIsWrittenWithoutBinaryNoise() {
        assertEquals("1.003", Findings.number(1 + (0.8 - 0.5) / 100));
        assertEquals("2006", Findings.number(2000 * (1 + (0.8 - 0.5) / 100)));
        assertEquals("corrected 100.5 t = 100 t × 1.005 (meter m)", Findings.correctedBound(100, "t", 1.005, "m"));
    }

    @Test
    void aCalibrationFactReadsTheAccuracyOfItsClass() {
        LocalDate day = LocalDate.of(2026, 6, 1);
        Instant start = Instant.parse("2026-05-31T16:00:00Z");
        assertEquals(0.5, new CalibrationFact("m", "n", null, true, day, List.of(), start, "0.5 级").accuracyPercent());
        assertEquals(0.2, new CalibrationFact("m", "n", null, true, day, List.of(), start, "0.2S 级").accuracyPercent());
        assertEquals(0.5, new CalibrationFact("m", "n", null, true, day, List.of(), start, "±0.5 %").accuracyPercent());
        assertTrue(Double.isNaN(new CalibrationFact("m", "n", null, true, day, List.of(), start, "").accuracyPercent()));
        assertEquals(42, new CalibrationFact("m", "n", LocalDate.of(2026, 4, 20), true, day, List.of(), start, "").daysOverdue());
    }

    @Test
    void aFindingWhosePeriodEndsBeforeItStartsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new VerificationFinding("c", "k", false, "s", Grain.DAY, T0,
                T0.minusSeconds(1), 1, "", "", "m", ""));
    }
}
