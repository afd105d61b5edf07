package io.tanhe.engine.cems;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Relative-accuracy audits and calibration drift, worked by hand. */
class QualityAssuranceTest {

    @Test
    void relativeAccuracyOfNineRunsWorkedByHand() {
        // RM 10.0 … CEMS readings; d = RM − CEMS: 0.2, 0.1, 0.3, 0.2, 0.0, 0.1, 0.2, 0.3, 0.1 → Σd = 1.5, d̄ = 0.16667
        // Σ(d − d̄)² = 0.0011+0.0044+0.0178+0.0011+0.0278+0.0044+0.0011+0.0178+0.0044 = 0.08
        // S_d = √(0.08/8) = 0.1; cc = 2.306 × 0.1 / 3 = 0.076867; RM̄ = 10.0
        // RA = (0.16667 + 0.076867)/10 = 2.4353 %; RE = (CEMS̄ − RM̄)/RM̄ = −0.16667/10 = −1.6667 %
        double[] d = {0.2, 0.1, 0.3, 0.2, 0.0, 0.1, 0.2, 0.3, 0.1};
        List<RelativeAccuracy.Run> runs = java.util.Arrays.stream(d).mapToObj(x -> new RelativeAccuracy.Run(10.0, 10.0 - x)).toList();
        RelativeAccuracy ra = RelativeAccuracy.of(runs);
        assertEquals(9, ra.runs());
        assertEquals(0.1, ra.sd(), 1e-12);
        assertEquals(2.306 * 0.1 / 3, ra.cc(), 1e-12);
        assertEquals((1.5 / 9 + 2.306 * 0.1 / 3) / 10, ra.ra(), 1e-12);
        assertEquals(-1.5 / 9 / 10, ra.re(), 1e-12);
        assertTrue(ra.passes(0.10));
        assertFalse(ra.passes(0.02));
    }

    @Test
    void tooFewRunsOrAZeroReferenceAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> RelativeAccuracy.of(List.of(new RelativeAccuracy.Run(1, 1),
                new RelativeAccuracy.Run(1, 1))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RelativeAccuracy.of(List.of(
                new RelativeAccuracy.Run(0, 1), new RelativeAccuracy.Run(0, 1), new RelativeAccuracy.Run(0, 2))));
        assertTrue(e.getMessage().contains("mean is 0"), e.getMessage());
        assertEquals(1.960, RelativeAccuracy.t(120));
        assertThrows(IllegalArgumentException.class, () -> RelativeAccuracy.t(0));
    }

    @Test
    void spanDriftIsAShareOfTheRange() {
        // span gas 15.00 %vol CO2, the analyser read 15.30 %, range 0–20 %: drift = 0.30/20 = 1.5 % F.S.
        Calibration span = new Calibration(Instant.parse("2024-06-03T03:00:00Z"), "a05001", Calibration.Kind.SPAN, 15.0, 15.3, 20,
                Optional.of(0.01), Optional.of(0.98), Optional.empty());
        assertEquals(0.015, span.drift(), 1e-12);
        assertTrue(span.withinDrift(0.025));
        assertFalse(span.withinDrift(0.01));
        assertThrows(IllegalArgumentException.class, () -> new Calibration(Instant.EPOCH, "a05001", Calibration.Kind.ZERO, 0, 0.1, 0,
                Optional.empty(), Optional.empty(), Optional.of("operator")));
    }
}
