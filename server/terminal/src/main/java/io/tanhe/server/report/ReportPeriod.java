package io.tanhe.server.report;

import io.tanhe.server.store.TimeRange;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;

/** The range a report covers: from its start, to its end or a default span that suits the grain. */
public final class ReportPeriod {
    private ReportPeriod() {
    }

    /**
     * The range from {@code from} to {@code to}; without {@code to}, one day for minute to hour buckets,
     * a month for days and weeks, a year for months and longer (local calendar of {@code zone}).
     *
     * @param to the end (exclusive), or null for the default span
     * @throws IllegalArgumentException when the end is not after the start
     */
    public static TimeRange of(ReportGrain grain, Instant from, Instant to, ZoneId zone) {
        Instant end = to == null ? from.atZone(zone).plus(defaultSpan(grain)).toInstant() : to;
        if (!end.isAfter(from)) {
            throw new IllegalArgumentException("`to` (" + end + ") must be after `from` (" + from + ")");
        }
        return TimeRange.of(from, end);
    }

    private static Period defaultSpan(ReportGrain g) {
        return switch (g) {
            case MINUTE, FIFTEEN_MINUTES, HOUR -> Period.ofDays(1);
            case DAY, WEEK -> Period.ofMonths(1);
            default -> Period.ofYears(1);
        };
    }
}
