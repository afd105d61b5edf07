package io.tanhe.server.terminal;

import io.tanhe.engine.rules.RulesEngine;
import io.tanhe.engine.rules.fact.CalibrationFact;
import io.tanhe.server.site.Meter;
import io.tanhe.server.site.Site;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * Tells the rules, once per local day of the data, the calibration state of every meter of the
 * site's registry that is calibrated at an interval (section 7.3.1); the generic rules raise a
 * {@code calibration-overdue} alert for an overdue meter and clear it once the site file records a
 * newer calibration; the verification rules correct the day figures of the inputs it feeds (docs/verification.md).
 * Runs on the evaluation thread.
 */
final class CalibrationWatch {
    private final List<Meter> meters;
    private final ZoneId zone;
    private final RulesEngine rules;
    /** Per meter id, the inputs its points are bound to (the bindings do not change while this watch lives). */
    private final java.util.Map<String, List<String>> feeds;
    /** The start of the day after the last one judged: readings before it judge nothing (the common case, kept cheap). */
    private Instant nextDay = Instant.MIN;

    CalibrationWatch(Site site, RulesEngine rules) {
        this.meters = site.reporting().meters().stream().filter(m -> m.calibrationInterval().isPresent()).toList();
        this.zone = site.zone();
        this.rules = rules;
        this.feeds = meters.stream().collect(java.util.stream.Collectors.toUnmodifiableMap(Meter::id, m -> feeds(site, m)));
    }

    /** The inputs the meter's points are bound to, as rule subjects ({@code coal_burned[unit1]}): the figures it measures. */
    static List<String> feeds(Site site, Meter m) {
        return m.points().stream().flatMap(p -> site.binding(p).stream())
                .map(b -> b.key().isEmpty() ? b.input() : b.input() + "[" + b.key() + "]").distinct().toList();
    }

    /**
     * Judges the meters on the day of {@code dataTime} (a reading's measurement time, just observed by the rules)
     * unless that day was judged already; a reading of an earlier day (late data) judges nothing.
     */
    void at(Instant dataTime) {
        if (dataTime.isBefore(nextDay)) {
            return;
        }
        LocalDate day = LocalDate.ofInstant(dataTime, zone);
        nextDay = day.plusDays(1).atStartOfDay(zone).toInstant();
        for (Meter m : meters) {
            rules.calibration(new CalibrationFact(m.id(), m.name(), m.calibrationDue().orElse(null), m.calibrationOverdue(day), day,
                    m.points(), day.atStartOfDay(zone).toInstant(), m.accuracyClass(), m.lastCalibration().orElse(null),
                    m.calibrationAccuracy(), feeds.get(m.id()), zone), dataTime);
        }
    }
}
