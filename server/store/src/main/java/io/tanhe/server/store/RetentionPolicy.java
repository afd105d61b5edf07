package io.tanhe.server.store;

import io.tanhe.engine.time.Grain;

import java.time.Period;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How long the store keeps each kind of data before background retention deletes it.
 *
 * <p>The floors come from the standard: raw data at least 6 months (section 7.2.3, software
 * function (4)); results at least 5 years (section 9.2, local storage ≥ 5 years) for the hourly and
 * coarser grains that reports are made of. Minute and 15-minute results may be kept shorter (not below
 * 6 months) because every figure they make up is kept, rolled up, in the hourly grain for 5 years.
 * A policy below a floor is refused.
 *
 * <p>Defaults: raw readings 13 months (a full accounting year plus the month its report is made in),
 * results of every grain 6 years (5 years plus one verification cycle), alerts and events 6 years,
 * acknowledged outbox entries 3 months. Pending outbox entries and configuration versions are never
 * deleted.
 *
 * @param rawReadings  age (by measurement time) after which raw readings are deleted
 * @param results      per grain, age (by bucket start) after which results and their revisions are deleted
 * @param alerts       age (by clearing time) after which cleared alerts are deleted
 * @param events       age after which events are deleted
 * @param ackedOutbox  age (by acknowledgement time) after which delivered outbox entries are deleted
 */
public record RetentionPolicy(Period rawReadings, Map<Grain, Period> results, Period alerts, Period events,
                              Period ackedOutbox) {

    public static final Period RAW_FLOOR = Period.ofMonths(6);
    public static final Period FINE_RESULT_FLOOR = Period.ofMonths(6);
    public static final Period RESULT_FLOOR = Period.ofYears(5);

    public RetentionPolicy {
        Objects.requireNonNull(rawReadings, "rawReadings");
        Objects.requireNonNull(alerts, "alerts");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(ackedOutbox, "ackedOutbox");
        rawReadingsProblem(rawReadings).ifPresent(p -> {
            throw new IllegalArgumentException("retention.raw_readings: " + p);
        });
        EnumMap<Grain, Period> all = new EnumMap<>(Grain.class);
        for (Grain grain : Grain.values()) {
            Period period = results.get(grain);
            if (period == null) {
                throw new IllegalArgumentException("retention.results." + grain.label() + ": is missing; give a period such as P6Y");
            }
            resultsProblem(grain, period).ifPresent(p -> {
                throw new IllegalArgumentException("retention.results." + grain.label() + ": " + p);
            });
            all.put(grain, period);
        }
        results = Map.copyOf(all);
    }

    /** The defaults described above. */
    public static RetentionPolicy standard() {
        EnumMap<Grain, Period> results = new EnumMap<>(Grain.class);
        for (Grain grain : Grain.values()) {
            results.put(grain, Period.ofYears(6));
        }
        return new RetentionPolicy(Period.ofMonths(13), results, Period.ofYears(6), Period.ofYears(6), Period.ofMonths(3));
    }

    /** This policy with results of {@code grain} kept for {@code period}. */
    public RetentionPolicy withResults(Grain grain, Period period) {
        EnumMap<Grain, Period> changed = new EnumMap<>(results);
        changed.put(grain, period);
        return new RetentionPolicy(rawReadings, changed, alerts, events, ackedOutbox);
    }

    /** This policy with raw readings kept for {@code period}. */
    public RetentionPolicy withRawReadings(Period period) {
        return new RetentionPolicy(period, results, alerts, events, ackedOutbox);
    }

    /** Why raw readings may not be kept only for {@code period}, if they may not: it is below the standard's floor. */
    public static Optional<String> rawReadingsProblem(Period period) {
        return below(period, RAW_FLOOR, "the standard's minimum", "section 7.2.3: raw data at least 6 months");
    }

    /** Why results of {@code grain} may not be kept only for {@code period}, if they may not. */
    public static Optional<String> resultsProblem(Grain grain, Period period) {
        boolean fine = grain == Grain.MINUTE || grain == Grain.FIFTEEN_MINUTES;
        return fine ? below(period, FINE_RESULT_FLOOR, "the minimum", "the hourly grain keeps the 5-year record")
                : below(period, RESULT_FLOOR, "the standard's minimum", "section 9.2: local storage at least 5 years");
    }

    private static Optional<String> below(Period period, Period floor, String whose, String why) {
        if (approxDays(period) < approxDays(floor)) {
            return Optional.of("`" + period + "` is shorter than " + whose + " " + floor + " (" + why + ")");
        }
        return Optional.empty();
    }

    private static long approxDays(Period p) {
        return p.toTotalMonths() * 31 + p.getDays();
    }
}
