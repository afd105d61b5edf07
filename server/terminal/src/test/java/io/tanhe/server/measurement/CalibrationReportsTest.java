package io.tanhe.server.measurement;

import io.tanhe.drivers.InstrumentCalibration;
import io.tanhe.drivers.Quality;
import io.tanhe.server.store.QaKind;
import io.tanhe.server.store.QaRecord;
import io.tanhe.server.store.StoredReading;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A data logger's calibration report (3020: i13006 time, i13007 intercept, i13008 slope) as one QA record of the analyser. */
class CalibrationReportsTest {
    private static final Instant CALIBRATED = Instant.parse("2024-06-03T02:45:00Z");
    private static final Instant UPLOADED = Instant.parse("2024-06-03T03:05:00Z");

    private static StoredReading info(String point, String code, String value) {
        return new StoredReading(point, "", UPLOADED, new BigDecimal(value), "", Quality.MEASURED, "cems-logger",
                new InstrumentCalibration("stack1.co2", CALIBRATED, code).detail(), UPLOADED);
    }

    @Test
    void theInterceptAndSlopeOfOneReportBecomeOneCalibrationRecordOfTheAnalyser() {
        StoredReading state = new StoredReading("stack1.co2.state", "", UPLOADED, new BigDecimal("3"), "", Quality.MEASURED, "cems-logger",
                "", UPLOADED);
        List<QaRecord> out = CalibrationReports.of(List.of(info("stack1.co2.slope", "i13008", "1.003"),
                info("stack1.co2.intercept", "i13007", "0.012"), state), List.of(), UPLOADED);
        assertEquals(1, out.size());
        QaRecord r = out.getFirst();
        assertEquals(QaKind.CALIBRATION, r.kind());
        assertEquals("stack1.co2", r.pointId());
        assertEquals(CALIBRATED, r.from());
        assertEquals(CALIBRATED.plusSeconds(1), r.to());
        assertEquals("hj212:cems-logger", r.source());
        assertTrue(r.note().contains("slope i13008 = 1.003") && r.note().contains("intercept i13007 = 0.012"), r.note());
        assertTrue(r.note().endsWith("(HJ 212 3020 of 2024-06-03T03:05:00Z, calibration time i13006)"), r.note());
    }

    @Test
    void aReportAlreadyStoredIsNotStoredAgain() {
        QaRecord stored = CalibrationReports.of(List.of(info("stack1.co2.slope", "i13008", "1.003")), List.of(), UPLOADED).getFirst();
        assertTrue(CalibrationReports.of(List.of(info("stack1.co2.slope", "i13008", "1.003")), List.of(stored.withId(7)), UPLOADED).isEmpty());
    }
}
