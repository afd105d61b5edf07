package io.tanhe.engine.cems;

import io.tanhe.engine.time.Quality;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Validity thresholds, the capture rate and the substitution of invalid hours. */
class HourlyFiguresTest {
    private static final Instant T0 = Instant.parse("2024-06-01T00:00:00Z");

    private static HourRecord valid(int hour, double value) {
        return new HourRecord(T0.plusSeconds(3600L * hour), HourStatus.VALID, value, 60);
    }

    private static HourRecord not(int hour, HourStatus status) {
        return new HourRecord(T0.plusSeconds(3600L * hour), status, Double.NaN, 10);
    }

    @Test
    void theStandardThresholdsAreInclusive() {
        ValidityRules r = ValidityRules.standard();
        assertTrue(r.hourValid(45));
        assertFalse(r.hourValid(44));
        assertTrue(r.dayValid(20));
        assertFalse(r.dayValid(19));
        assertTrue(r.monthValid(YearMonth.of(2024, 2), 23));
        assertFalse(r.monthValid(YearMonth.of(2024, 3), 24));
        assertTrue(r.minuteValid(0.75));
        assertFalse(r.minuteValid(0.74));
    }

    @Test
    void aThresholdOutsideItsRangeSaysWhatTheStandardsIs() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ValidityRules(0.75, 61, 20, 25, 23));
        assertEquals("hourMinMinutes 61 must be from 1 to 60; the standard's is 45", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ValidityRules(0, 45, 20, 25, 23));
    }

    @Test
    void theCaptureRateLeavesStoppedHoursOutOfTheDenominator() {
        // 24 h: 2 stopped, 1 calibration, 1 fault → (24 − 2 − 2) / (24 − 2) = 20/22
        List<HourRecord> day = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            day.add(switch (h) {
                case 3 -> not(h, HourStatus.CALIBRATION);
                case 7 -> not(h, HourStatus.INVALID);
                case 22, 23 -> not(h, HourStatus.STOPPED);
                default -> valid(h, 100);
            });
        }
        CaptureRate a = CaptureRate.of(day);
        assertEquals(20.0 / 22, a.rate(), 1e-15);
        assertEquals(2, a.stopped());
        assertEquals(2, a.invalid());
        assertTrue(Double.isNaN(CaptureRate.of(List.of(not(0, HourStatus.STOPPED))).rate()));
    }

    @Test
    void aShortRunIsTheMaximumOfThePrecedingValidHoursAndSaysSo() {
        List<HourRecord> hours = List.of(valid(0, 90), valid(1, 120), valid(2, 100), not(3, HourStatus.CALIBRATION),
                not(4, HourStatus.INVALID), valid(5, 80));
        List<HourFigure> f = HourlyFigures.of(List.of(), hours, new CaptureRate(2160, 0, 20, 0.95), SubstitutionRules.hj75());
        assertEquals(6, f.size());
        assertEquals(Quality.MEASURED, f.get(2).quality());
        assertEquals(120, f.get(3).value());
        assertEquals(120, f.get(4).value());
        assertTrue(f.get(3).substituted() && f.get(4).substituted());
        assertEquals(HourStatus.CALIBRATION, f.get(3).status());
        assertTrue(f.get(3).provenance().contains("maximum of the 3 valid hours"), f.get(3).provenance());
        assertTrue(f.get(3).provenance().contains("α ≥ 90 %, N ≤ 24 h"), f.get(3).provenance());
        assertTrue(f.get(3).provenance().contains("fewer than the rule's 180"), f.get(3).provenance());
        assertEquals(Quality.MEASURED, f.get(5).quality());
    }

    @Test
    void theLookbackIsLimitedToTheRulesNumberOfValidHoursAndReachesIntoHistory() {
        List<HourRecord> history = new ArrayList<>();
        history.add(valid(0, 500)); // 181 valid hours back: outside the 180
        for (int h = 1; h <= 180; h++) {
            history.add(valid(h, h == 50 ? 300 : 100));
        }
        List<HourFigure> f = HourlyFigures.of(history, List.of(not(181, HourStatus.INVALID)), new CaptureRate(1, 0, 0, 0.99),
                SubstitutionRules.hj75());
        assertEquals(1, f.size());
        assertEquals(300, f.get(0).value());
    }

    @Test
    void theBandFollowsTheCaptureRateAndTheRunLength() {
        SubstitutionRules r = SubstitutionRules.hj75();
        assertEquals(180, r.band(0.90, 24).orElseThrow().lookbackHours());
        assertEquals(720, r.band(0.90, 25).orElseThrow().lookbackHours());
        assertEquals(2160, r.band(0.89, 3).orElseThrow().lookbackHours());
        assertTrue(r.band(0.7499, 1).isEmpty());
    }

    @Test
    void belowTheLowestBandTheHoursStayMissingAndSayWhy() {
        List<HourFigure> f = HourlyFigures.of(List.of(valid(0, 10)), List.of(not(1, HourStatus.MAINTENANCE)),
                new CaptureRate(100, 0, 30, 0.70), SubstitutionRules.hj75());
        assertEquals(Quality.MISSING, f.get(0).quality());
        assertTrue(Double.isNaN(f.get(0).value()));
        assertTrue(f.get(0).provenance().contains("no substitution rule for a capture rate 70.0 %"), f.get(0).provenance());
    }

    @Test
    void stoppedHoursCountAsZeroAndAreNotSubstituted() {
        List<HourFigure> f = HourlyFigures.of(List.of(), List.of(valid(0, 10), not(1, HourStatus.STOPPED)),
                new CaptureRate(2, 1, 0, 1.0), SubstitutionRules.hj75());
        assertEquals(0, f.get(1).value());
        assertEquals(Quality.MEASURED, f.get(1).quality());
    }

    @Test
    void flagsMapToStatuses() {
        assertEquals(HourStatus.VALID, HourStatus.ofFlag('N'));
        assertEquals(HourStatus.VALID, HourStatus.ofFlag('S'));
        assertEquals(HourStatus.STOPPED, HourStatus.ofFlag('F'));
        assertEquals(HourStatus.CALIBRATION, HourStatus.ofFlag('C'));
        assertEquals(HourStatus.MAINTENANCE, HourStatus.ofFlag('M'));
        for (char c : "DTB".toCharArray()) {
            assertEquals(HourStatus.INVALID, HourStatus.ofFlag(c));
        }
        assertThrows(IllegalArgumentException.class, () -> HourStatus.ofFlag('X'));
    }

    @Test
    void anHoursReasonIsWhatMostOfItsFlagsSayCalibrationWinningTies() {
        java.time.ZoneId zone = java.time.ZoneId.of("Asia/Shanghai");
        List<HourFlags.Flagged> flags = new ArrayList<>();
        for (int m = 0; m < 20; m++) {
            flags.add(new HourFlags.Flagged(T0.plusSeconds(60L * m), 'C'));   // hour 0: 20 × C, 5 × D
        }
        for (int m = 20; m < 25; m++) {
            flags.add(new HourFlags.Flagged(T0.plusSeconds(60L * m), 'D'));
        }
        flags.add(new HourFlags.Flagged(T0.plusSeconds(3600), 'M'));            // hour 1: one M, one D: maintenance wins the tie
        flags.add(new HourFlags.Flagged(T0.plusSeconds(3660), 'D'));
        flags.add(new HourFlags.Flagged(T0.plusSeconds(7200), 'N'));            // hour 2: only normal
        HourFlags h = HourFlags.of(flags, zone);
        assertEquals(java.util.Optional.of(HourStatus.CALIBRATION), h.apply(T0));
        assertEquals(java.util.Optional.of(HourStatus.MAINTENANCE), h.apply(T0.plusSeconds(3600)));
        assertEquals(java.util.Optional.empty(), h.apply(T0.plusSeconds(7200)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HourFlags.of(List.of(new HourFlags.Flagged(T0, 'Q')), zone));
        assertTrue(e.getMessage().startsWith("flag at 2024-06-01T00:00:00Z: `Q` is not an HJ 212-2017 data flag"), e.getMessage());
    }
}
