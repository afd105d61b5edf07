package io.tanhe.engine.rules.fact;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * @param dayStart the instant the day starts in the site's zone
 * @param accuracyClass the meter's accuracy class as the registry gives it (e.g. {@code 0.5 级}, {@code ±0.2 %}); "" if none
 */
public record CalibrationFact(String meter, String name, LocalDate due, boolean overdue, LocalDate day, List<String> points,
                              Instant dayStart, String accuracyClass) implements RuleFact {
    private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*S?\\s*(?:级|%|％)");

    public CalibrationFact {
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(day, "day");
        points = List.copyOf(points);
        Objects.requireNonNull(dayStart, "dayStart");
        accuracyClass = accuracyClass == null ? "" : accuracyClass;
    }

    /** A meter's state on a day taken as starting at midnight UTC, with no accuracy class on record. */
    public CalibrationFact(String meter, String name, LocalDate due, boolean overdue, LocalDate day, List<String> points) {
        this(meter, name, due, overdue, day, points, day.atStartOfDay(ZoneOffset.UTC).toInstant(), "");
    }

    /**
     * The accuracy in % that the accuracy class states ({@code 0.5 级} and {@code ±0.5 %} are 0.5); NaN when it states
     * none. CETS-VG-01.01 3.4.1.1 corrects the data of a meter not calibrated by the accuracy the data-quality plan
     * requires; the registry's class stands for it here.
     */
    public double accuracyPercent() {
        Matcher m = PERCENT.matcher(accuracyClass);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    /** Whole days past the due date on {@code day}; 0 when not overdue or never calibrated. */
    public long daysOverdue() {
        return overdue && due != null ? java.time.temporal.ChronoUnit.DAYS.between(due, day) : 0;
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
