package io.tanhe.engine.rules;

import io.tanhe.engine.rules.alert.Severity;
import io.tanhe.engine.rules.alert.Transition;
import io.tanhe.engine.rules.fact.CalibrationFact;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CalibrationRuleTest {

    @Test
    void anOverdueMeterRaisesAWarningOnceAndACalibrationClearsIt() throws Exception {
        Recorder r = Recorder.quiet();
        LocalDate due = LocalDate.of(2026, 4, 20);
        r.engine.calibration(new CalibrationFact("gas-meter", "燃气流量计", due, true, LocalDate.of(2026, 6, 1), List.of("gas.total")),
                Recorder.T0);
        r.engine.calibration(new CalibrationFact("gas-meter", "燃气流量计", due, true, LocalDate.of(2026, 6, 2), List.of("gas.total")),
                Recorder.T0.plusSeconds(86_400));
        assertEquals(List.of(Transition.RAISED), r.transitions(), "still overdue the next day: one alert");
        assertEquals(Severity.WARNING, r.last().alert().severity());
        assertEquals(Recorder.T0, r.last().alert().raisedAt(), "raised at the data time it was judged");
        assertEquals("燃气流量计 (gas-meter) is past its calibration due 2026-04-20; its readings of gas.total need review:"
                + " calibrate it and set last_calibration in the site file", r.last().alert().message());
        r.engine.calibration(new CalibrationFact("gas-meter", "燃气流量计", LocalDate.of(2027, 6, 3), false, LocalDate.of(2026, 6, 3),
                List.of("gas.total")), Recorder.T0.plusSeconds(2 * 86_400));
        assertEquals(List.of(Transition.RAISED, Transition.CLEARED), r.transitions());
    }

    @Test
    void aMeterWithinItsIntervalRaisesNothing() throws Exception {
        Recorder r = Recorder.quiet();
        r.engine.calibration(new CalibrationFact("scale", "皮带秤", LocalDate.of(2026, 9, 10), false, LocalDate.of(2026, 6, 1),
                List.of("coal.total")), Recorder.T0);
        assertEquals(List.of(), r.transitions());
    }
}
