package io.tanhe.server.report;

import io.tanhe.engine.time.Grain;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The bucket length of a report (section 7.3: statistics by hour, day, week and month), with its
 * names for people. Every grain is stored: minute to day as evaluated, week (Monday 00:00 to Monday
 * 00:00 local time, ISO 8601), month, quarter and year rolled up from the stored days.
 */
public enum ReportGrain {
    MINUTE(Grain.MINUTE),
    FIFTEEN_MINUTES(Grain.FIFTEEN_MINUTES),
    HOUR(Grain.HOUR),
    DAY(Grain.DAY),
    WEEK(Grain.WEEK),
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
        return grain.label();
    }

    /** The engine grain. */
    public Grain grain() {
        return grain;
    }

    /**
     * True for the grains the evaluator computes (minute to day), whose figures can be explained by
     * replaying their readings; weeks and coarser are rolled up from stored days.
     */
    public boolean evaluated() {
        return !grain.isCoarserThan(Grain.DAY);
    }

    /** The start of the bucket that contains {@code t}. */
    public Instant floor(Instant t, ZoneId zone) {
        return grain.floor(t, zone);
    }

    /** The start of the bucket after the one starting at {@code start}. */
    public Instant next(Instant start, ZoneId zone) {
        return grain.next(start, zone);
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
