package io.tanhe.engine.rules.fact;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.List;
import java.util.Objects;

/**
 * The calibration state of a measuring instrument of the site's meter registry on a day (section
 * 7.3.1): overdue when the day is past its due date (or it has an interval and no calibration on record).
 *
 * <p>It stays in working memory until the next day's state of the same meter replaces it, so a rule can join it with
 * the day buckets of the inputs the meter feeds ({@code feeds contains $b.subject()}) once they close, and ask whether
 * that day was covered by the calibration on record ({@link #getCoveredFrom}, {@link #getCoveredUntil}; in Java
 * {@link #uncoveredOn}, {@link #coveredOn}): the registry's dates do not change between two site loads.
 *
 * @param meter   the meter's id in the registry
 * @param name    its name for people
 * @param due     when its calibration is or was due; null when it has never been calibrated
 * @param overdue true when it is past due on {@code day}
 * @param day     the local day judged
 * @param points  the points it measures
 * @param dayStart the instant the day starts in the site's zone
 * @param accuracyClass the meter's accuracy class as the registry gives it (e.g. {@code 0.5 级}, {@code ±0.2 %}); "" if none
 * @param lastCalibration the day of the calibration on record; null when none
 * @param calibrationAccuracy the accuracy the calibration on record measured, as its certificate states it
 *                            (e.g. {@code ±0.8 %}); "" when the registry does not say
 * @param feeds   the methodology inputs its points are bound to, as subjects ({@code coal_burned[unit1]})
 * @param zone    the site's zone, in which {@code day} and the days of {@link #uncoveredOn} are local days
 */
public record CalibrationFact(String meter, String name, LocalDate due, boolean overdue, LocalDate day, List<String> points,
                              Instant dayStart, String accuracyClass, LocalDate lastCalibration, String calibrationAccuracy,
                              List<String> feeds, ZoneId zone) implements RuleFact {
    private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*S?\\s*(?:级|%|％)");

    public CalibrationFact {
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(day, "day");
        points = List.copyOf(points);
        Objects.requireNonNull(dayStart, "dayStart");
        accuracyClass = accuracyClass == null ? "" : accuracyClass;
        calibrationAccuracy = calibrationAccuracy == null ? "" : calibrationAccuracy;
        feeds = feeds == null ? List.of() : List.copyOf(feeds);
        Objects.requireNonNull(zone, "zone");
    }

    /**
     * A meter's state on a day with its accuracy class, nothing known of its last calibration or of the inputs it feeds;
     * the zone is the fixed offset at which {@code dayStart} is the day's midnight.
     */
    public CalibrationFact(String meter, String name, LocalDate due, boolean overdue, LocalDate day, List<String> points,
                           Instant dayStart, String accuracyClass) {
        this(meter, name, due, overdue, day, points, dayStart, accuracyClass, null, "", List.of(), offsetOf(day, dayStart));
    }

    /** A meter's state on a day taken as starting at midnight UTC, with no accuracy class on record. */
    public CalibrationFact(String meter, String name, LocalDate due, boolean overdue, LocalDate day, List<String> points) {
        this(meter, name, due, overdue, day, points, day.atStartOfDay(ZoneOffset.UTC).toInstant(), "");
    }

    private static ZoneId offsetOf(LocalDate day, Instant dayStart) {
        Objects.requireNonNull(dayStart, "dayStart");
        long seconds = Duration.between(dayStart, day.atStartOfDay(ZoneOffset.UTC).toInstant()).toSeconds();
        return ZoneOffset.ofTotalSeconds((int) seconds);
    }

    /**
     * The accuracy in % that the accuracy class states ({@code 0.5 级} and {@code ±0.5 %} are 0.5); NaN when it states
     * none. CETS-VG-01.01 3.4.1.1 corrects the data of a meter not calibrated by the accuracy the data-quality plan
     * requires; the registry's class stands for it here.
     */
    public double accuracyPercent() {
        return percentOf(accuracyClass);
    }

    /** The accuracy in % the calibration on record measured; NaN when the registry does not say. */
    public double calibrationAccuracyPercent() {
        return percentOf(calibrationAccuracy);
    }

    /**
     * By how many percentage points the calibration on record found the meter less accurate than required
     * (calibration accuracy − required accuracy); 0 or less when within it, NaN when either is not on record.
     */
    public double accuracyExcessPercent() {
        return calibrationAccuracyPercent() - accuracyPercent();
    }

    private static double percentOf(String text) {
        Matcher m = PERCENT.matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    /** Whole days past the due date on {@code day}; 0 when not overdue or never calibrated. */
    public long daysOverdue() {
        return overdue && due != null ? java.time.temporal.ChronoUnit.DAYS.between(due, day) : 0;
    }

    /** True when the meter measures the input {@code node} at {@code key} (one of its points is bound to it). */
    public boolean feeds(String node, String key) {
        return feeds.contains(RuleFact.subject(node, key == null ? "" : key));
    }

    /**
     * True when the local day starting at {@code start} lies outside the calibration on record: after its due date, or any
     * day when the meter has none (CETS-VG-01.01 3.4.1.1: a late calibration leaves the uncovered period not calibrated).
     */
    public boolean uncoveredOn(Instant start) {
        return !start.isBefore(getCoveredUntil());
    }

    /** True when the local day starting at {@code start} lies within the calibration on record, from its day to its due date. */
    public boolean coveredOn(Instant start) {
        return !start.isBefore(getCoveredFrom()) && start.isBefore(getCoveredUntil());
    }

    /**
     * {@link #feeds()} under a bean name: Drools finds a pattern's properties by getter names only (a record's accessors
     * are not among them), so {@code CalibrationFact(feeds contains $b.subject())} reacts to this property rather than
     * to every change of the fact (see {@link #getCoveredUntil}).
     */
    public List<String> getFeeds() {
        return feeds;
    }

    /**
     * Where the calibration on record stops covering: midnight after its due day in the site's zone; {@link Instant#MIN}
     * when no due date is on record (no day is covered). A day starting at or after it is not covered ({@link #uncoveredOn}).
     *
     * <p>A bean property, not a method with an argument, so that a rule joins a day bucket with
     * {@code CalibrationFact(coveredUntil <= $b.start)}: Drools maps a constraint that starts with a property of its own
     * pattern to that property, while a call on another pattern's fact ({@code $c.uncoveredOn(start)}) leaves it
     * nothing to map and makes the pattern react to every change of the fact (class reactivity, with a warning).
     */
    public Instant getCoveredUntil() {
        return due == null ? Instant.MIN : due.plusDays(1).atStartOfDay(zone).toInstant();
    }

    /**
     * Where the calibration on record starts covering: midnight of its day in the site's zone; {@link Instant#MAX} when
     * no calibration day or no due date is on record (no day is covered). See {@link #getCoveredUntil}.
     */
    public Instant getCoveredFrom() {
        return lastCalibration == null || due == null ? Instant.MAX : lastCalibration.atStartOfDay(zone).toInstant();
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
