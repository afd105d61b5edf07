package io.tanhe.server.measurement;

import io.tanhe.drivers.InstrumentCalibration;
import io.tanhe.server.store.QaKind;
import io.tanhe.server.store.QaRecord;
import io.tanhe.server.store.StoredReading;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The calibrations a data logger reported by instrument information (HJ 212-2017 3020 after a 3011 zero/span
 * calibration: i13006 calibration time, i13007 intercept, i13008 slope): the readings of one report (the same
 * analyser and calibration time, {@link InstrumentCalibration}) become one {@code calibration} QA record of the
 * analyser's point, at the calibration time, whose note gives the intercept and slope. The record lasts a second:
 * the time the calibration took is what the logger's C flags say ({@link FlaggedPeriods}), and HJ 212 gives i13006
 * as one moment.
 */
final class CalibrationReports {
    /** The length of a record at the calibration moment. */
    static final Duration MOMENT = Duration.ofSeconds(1);

    private CalibrationReports() {
    }

    /** One record per reported calibration among {@code readings}, skipping those {@code known} already holds (same point, time and source). */
    static List<QaRecord> of(List<StoredReading> readings, List<QaRecord> known, Instant recordedAt) {
        Map<String, List<StoredReading>> reports = new LinkedHashMap<>();
        Map<String, InstrumentCalibration> calibrations = new LinkedHashMap<>();
        readings.stream().sorted(Comparator.comparing(StoredReading::measuredAt)).forEach(r -> {
            Optional<InstrumentCalibration> c = InstrumentCalibration.of(r.detail());
            if (c.isPresent() && r.value() != null) {
                String key = c.get().analyser() + "@" + c.get().at() + "@" + r.sourceId();
                calibrations.putIfAbsent(key, c.get());
                reports.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
            }
        });
        List<QaRecord> out = new ArrayList<>();
        reports.forEach((key, rs) -> {
            InstrumentCalibration c = calibrations.get(key);
            String source = "hj212:" + rs.getFirst().sourceId();
            boolean stored = known.stream().anyMatch(q -> q.kind() == QaKind.CALIBRATION && q.pointId().equals(c.analyser())
                    && q.from().equals(c.at()) && q.source().equals(source));
            if (stored) {
                return;
            }
            List<String> values = new ArrayList<>();
            for (StoredReading r : rs) {
                String code = InstrumentCalibration.of(r.detail()).orElseThrow().code();
                values.add(switch (code) {
                    case "i13007" -> "intercept i13007 = ";
                    case "i13008" -> "slope i13008 = ";
                    default -> code + " = ";
                } + r.value().toPlainString() + (r.unit().isEmpty() ? "" : " " + r.unit()));
            }
            out.add(new QaRecord(0, QaKind.CALIBRATION, c.analyser(), c.at(), c.at().plus(MOMENT), Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, source, String.join(", ", values) + " (HJ 212 3020 of " + rs.getFirst().measuredAt()
                    + ", calibration time i13006)", recordedAt));
        });
        return out;
    }
}
