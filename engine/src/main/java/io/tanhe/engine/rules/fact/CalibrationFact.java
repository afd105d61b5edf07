package io.tanhe.engine.rules.fact;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The calibration state of a measuring instrument of the site's meter registry on a day (section
 * 7.3.1): overdue when the day is past its due date (or it has an interval and no calibration on record).
 *
 * @param meter   the meter's id in the registry
 * @param name    its name for people
 * @param due     when its calibration is or was due; null when it has never been calibrated
 * @param overdue true when it is past due on {@code day}
 * @param day     the local day judged
 * @param points  the points it measures
 */
public record CalibrationFact(String meter, String name, LocalDate due, boolean overdue, LocalDate day, List<String> points)
        implements RuleFact {

    public CalibrationFact {
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(day, "day");
        points = List.copyOf(points);
    }

    /** The alert text: which meter, since when, which points, what to do. */
    public String message() {
        return name + " (" + meter + ") is past its calibration " + (due == null ? "(none on record)" : "due " + due)
                + "; its readings of " + String.join(", ", points) + " need review: calibrate it and set last_calibration in the site file";
    }

    @Override
    public String subject() {
        return meter;
    }

    @Override
    public Slot slot() {
        return new Slot(CalibrationFact.class, meter, "", "");
    }
}
