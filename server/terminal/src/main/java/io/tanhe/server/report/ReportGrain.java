package io.tanhe.server.report;

import io.tanhe.engine.time.Grain;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The bucket length of a report: the engine's grains plus the week (section 7.3: statistics by hour,
 * day, week and month). A week runs Monday 00:00 to Monday 00:00 local time (ISO 8601) and, like a
 * month, quarter or year, is read as the sum of its stored days — weeks do not nest in months, so
 * they are not an engine grain.
 */
public enum ReportGrain {
    MINUTE(Grain.MINUTE),
    FIFTEEN_MINUTES(Grain.FIFTEEN_MINUTES),
    HOUR(Grain.HOUR),
    DAY(Grain.DAY),
    WEEK(null),
    MONTH(Grain.MONTH),
    QUARTER(Grain.QUARTER),
    YEAR(Grain.YEAR);

    private final Grain grain;

    ReportGrain(Grain grain) {
        this.grain = grain;
    }

    /** The report grain of an engine grain. */
    public static ReportGrain of(Grain grain) {
        return valueOf(grain.name());
    }

    /**
     * The grain named {@code text}: an engine grain's label (hour, day, month…) or {@code week}, case-insensitive.
     *
     * @throws IllegalArgumentException naming the accepted labels
     */
    public static ReportGrain fromLabel(String text) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        for (ReportGrain g : values()) {
            if (g.label().equals(wanted) || g.name().toLowerCase(Locale.ROOT).equals(wanted)) {
                return g;
            }
        }
        throw new IllegalArgumentException("unknown grain `" + text + "`; use one of "
                + Arrays.stream(values()).map(ReportGrain::label).collect(Collectors.joining(", ")));
    }

    /** minute, 15min, hour, day, week, month, quarter or year. */
    public String label() {
        return grain == null ? "week" : grain.label();
    }

    /** The engine grain, empty for the week. */
    public Optional<Grain> grain() {
        return Optional.ofNullable(grain);
    }

    /** True for grains the store holds as buckets (minute to day); coarser ones are sums of days. */
    public boolean stored() {
        return grain != null && ResultQuery.STORED.contains(grain);
    }

    /** The start of the bucket that contains {@code t}. */
    public Instant floor(Instant t, ZoneId zone) {
        if (grain != null) {
            return grain.floor(t, zone);
        }
        LocalDate monday = t.atZone(zone).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return monday.atStartOfDay(zone).toInstant();
    }

    /** The start of the bucket after the one starting at {@code start}. */
    public Instant next(Instant start, ZoneId zone) {
        if (grain != null) {
            return grain.next(start, zone);
        }
        return start.atZone(zone).toLocalDate().plusWeeks(1).atStartOfDay(zone).toInstant();
    }

    /** The name of a bucket of this grain for people: 小时, 日, 周, 月, 季度, 年. */
    public String labelZh() {
        return switch (this) {
            case MINUTE -> "分钟";
            case FIFTEEN_MINUTES -> "15分钟";
            case HOUR -> "小时";
            case DAY -> "日";
            case WEEK -> "周";
            case MONTH -> "月";
            case QUARTER -> "季度";
            case YEAR -> "年";
        };
    }
}
