package io.tanhe.server.site;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Optional;

/**
 * One measuring instrument of the activity-data source list (section 7.3.1): what it is, where, how
 * often it measures, how accurate it is and when it must be calibrated, and the points (so the
 * methodology inputs) it feeds.
 *
 * @param id                  the register's id (the driver device id where it is one)
 * @param name                the instrument's name, e.g. 入炉煤皮带秤
 * @param model               maker and model
 * @param serial              serial number; may be empty
 * @param location            where it is installed
 * @param frequency           how often it measures, as people say it (e.g. 连续 / 每 5 秒, 每月化验)
 * @param accuracyClass       the accuracy class or uncertainty, e.g. 0.5 级, ±0.2 %
 * @param calibrationInterval how often it must be calibrated (ISO-8601, P1Y); empty when it is not calibrated (a lab)
 * @param lastCalibration     when it was last calibrated; empty when never or not applicable
 * @param calibrationAccuracy the accuracy that calibration measured, as its certificate states it (e.g. ±0.8 %); "" when
 *                            not recorded. Above the accuracy class, the data of the period it covers are corrected
 *                            (CETS-VG-01.01 3.4.1.1, docs/verification.md)
 * @param points              the point ids it feeds
 */
public record Meter(String id, String name, String model, String serial, String location, String frequency,
                    String accuracyClass, Optional<Period> calibrationInterval, Optional<LocalDate> lastCalibration,
                    String calibrationAccuracy, List<String> points) {
    public Meter {
        points = List.copyOf(points);
        calibrationAccuracy = calibrationAccuracy == null ? "" : calibrationAccuracy;
    }

    /** When the next calibration is due, if the meter is calibrated at an interval and has been calibrated. */
    public Optional<LocalDate> calibrationDue() {
        return lastCalibration.flatMap(last -> calibrationInterval.map(last::plus));
    }

    /**
     * True when on {@code day} the meter is past its calibration due date, or is calibrated at an
     * interval but has no calibration on record.
     */
    public boolean calibrationOverdue(LocalDate day) {
        if (calibrationInterval.isEmpty()) {
            return false;
        }
        return calibrationDue().map(day::isAfter).orElse(true);
    }
}
