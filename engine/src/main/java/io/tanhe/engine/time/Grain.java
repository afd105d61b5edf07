package io.tanhe.engine.time;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The length of a time bucket, finest first. Each grain's buckets nest in every coarser grain's
 * buckets — a minute lies in one quarter-hour, a quarter-hour in one hour, … a quarter in one year —
 * except the week: a day lies in one week, but a week (Monday 00:00 to Monday 00:00 local time, ISO
 * 8601) may straddle two months or two years, so it nests in no coarser grain ({@link #nestsIn}).
 *
 * <p>Boundaries are local wall-clock times in a zone: a minute, quarter-hour or hour bucket starts
 * where the local time is a whole minute, quarter-hour or hour; a day, month, quarter or year
 * bucket starts at the first instant of its local date. Where a daylight-saving change makes local
 * times repeat (Europe/Berlin, last Sunday of October, 02:00–03:00 twice) each repetition is its own
 * bucket; where local times are skipped (last Sunday of March, 02:00–03:00 never happens) the buckets
 * in the gap do not exist, so that day has 23 hours and the October day 25. A local boundary
 * skipped by a gap moves to the instant of the transition.
 */
public enum Grain {
    MINUTE("minute", Duration.ofMinutes(1)),
    FIFTEEN_MINUTES("15min", Duration.ofMinutes(15)),
    HOUR("hour", Duration.ofHours(1)),
    DAY("day", null),
    WEEK("week", null),
    MONTH("month", null),
    QUARTER("quarter", null),
    YEAR("year", null);

    private final String label;
    private final Duration fixedLength;
    /** The bucket's length in seconds of local time where that is fixed (minute to day); 0 for week and coarser. */
    private final long length;

    Grain(String label, Duration fixedLength) {
        this.label = label;
        this.fixedLength = fixedLength;
        this.length = fixedLength != null ? fixedLength.toSeconds() : "day".equals(label) ? 86_400 : 0;
    }

    /**
     * Where a zone's offset no longer changes (Asia/Shanghai since 1991, UTC always), a bucket of a minute to a day starts
     * at a multiple of its length in local seconds: one division instead of the zone-rule searches of the general path
     * (which every reading paid several times: a tenth of the terminal's evaluation thread with 10,000 points).
     * Zones with daylight-saving rules take the general path.
     */
    private static final class SteadyOffset {
        static final int NONE = Integer.MIN_VALUE;
        /** Two days past a zone's last transition: far enough that a day's start before an instant is past it too. */
        private static final long MARGIN_SECONDS = 2 * 86_400;
        private static final java.util.concurrent.ConcurrentMap<ZoneId, long[]> ZONES = new java.util.concurrent.ConcurrentHashMap<>();

        /** The zone's offset in seconds when it holds unchanged from well before {@code t} on; else {@link #NONE}. */
        static int at(ZoneId zone, Instant t) {
            long[] steady = ZONES.computeIfAbsent(zone, SteadyOffset::of); // {from epoch second, offset}
            return t.getEpochSecond() >= steady[0] ? (int) steady[1] : NONE;
        }

        private static long[] of(ZoneId zone) {
            java.time.zone.ZoneRules rules = zone.getRules();
            if (rules.isFixedOffset()) {
                return new long[]{Long.MIN_VALUE, rules.getOffset(Instant.EPOCH).getTotalSeconds()};
            }
            List<ZoneOffsetTransition> transitions = rules.getTransitions();
            if (!rules.getTransitionRules().isEmpty() || transitions.isEmpty()) {
                return new long[]{Long.MAX_VALUE, 0}; // transitions keep coming (daylight saving): never steady
            }
            ZoneOffsetTransition last = transitions.getLast();
            return new long[]{last.getInstant().getEpochSecond() + MARGIN_SECONDS, last.getOffsetAfter().getTotalSeconds()};
        }
    }

    /** The short name used on command lines and in files: minute, 15min, hour, day, week, month, quarter, year. */
    public String label() {
        return label;
    }

    /**
     * The grain with the given label (case-insensitive; {@code fifteen_minutes} is accepted too).
     *
     * @throws IllegalArgumentException naming the accepted labels
     */
    public static Grain fromLabel(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        for (Grain g : values()) {
            if (g.label.equals(wanted) || g.name().toLowerCase(Locale.ROOT).equals(wanted)) {
                return g;
            }
        }
        throw new IllegalArgumentException("unknown grain `" + text + "`; use one of "
                + Arrays.stream(values()).map(Grain::label).collect(Collectors.joining(", ")));
    }

    /** True when buckets of this grain are longer than those of {@code other}. */
    public boolean isCoarserThan(Grain other) {
        return compareTo(other) > 0;
    }

    /**
     * True when every bucket of this grain lies in one bucket of {@code other}: {@code other} is this
     * grain or a coarser one, and this is not the week (a week may straddle a month's or a year's end).
     */
    public boolean nestsIn(Grain other) {
        return other == this || (other.isCoarserThan(this) && this != WEEK);
    }

    /** The coarser grains whose buckets each bucket of this grain lies in ({@link #nestsIn}), finest first. */
    public List<Grain> coarser() {
        return Arrays.stream(values()).filter(g -> g != this && nestsIn(g)).toList();
    }

    /** The start of the bucket of this grain that contains {@code t} in {@code zone}. */
    public Instant floor(Instant t, ZoneId zone) {
        int steady = SteadyOffset.at(zone, t);
        if (steady != SteadyOffset.NONE && length > 0) {
            return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond() + steady, length) * length - steady);
        }
        LocalDateTime local = LocalDateTime.ofInstant(t, zone);
        if (fixedLength != null) {
            return resolveAtOrBefore(truncate(local), t, zone);
        }
        return startOf(truncate(local.toLocalDate()), zone);
    }

    /**
     * The start of the bucket after the one that starts at {@code start}.
     *
     * @param start a bucket start of this grain (as returned by {@link #floor})
     */
    public Instant next(Instant start, ZoneId zone) {
        int steady = SteadyOffset.at(zone, start);
        if (steady != SteadyOffset.NONE && length > 0) {
            return Instant.ofEpochSecond(Math.floorDiv(start.getEpochSecond() + steady, length) * length - steady + length);
        }
        if (fixedLength == null) {
            LocalDate first = LocalDateTime.ofInstant(start, zone).toLocalDate();
            return startOf(plusOne(truncate(first)), zone);
        }
        // The nominal length can be off near a transition both ways: a longer bucket (a local
        // boundary repeated away) or shorter ones (a boundary moved to a gap's transition).
        Instant candidate = start;
        for (int k = 1; !candidate.isAfter(start); k++) {
            candidate = floor(start.plus(fixedLength.multipliedBy(k)), zone);
        }
        for (Instant before = floor(candidate.minusNanos(1), zone); before.isAfter(start);
             before = floor(candidate.minusNanos(1), zone)) {
            candidate = before;
        }
        return candidate;
    }

    private LocalDateTime truncate(LocalDateTime local) {
        return switch (this) {
            case MINUTE -> local.truncatedTo(ChronoUnit.MINUTES);
            case FIFTEEN_MINUTES -> local.truncatedTo(ChronoUnit.HOURS).withMinute(local.getMinute() / 15 * 15);
            case HOUR -> local.truncatedTo(ChronoUnit.HOURS);
            default -> throw new IllegalStateException(this + " is not a sub-day grain");
        };
    }

    private LocalDate truncate(LocalDate date) {
        return switch (this) {
            case DAY -> date;
            case WEEK -> date.with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
            case MONTH -> date.withDayOfMonth(1);
            case QUARTER -> LocalDate.of(date.getYear(), (date.getMonthValue() - 1) / 3 * 3 + 1, 1);
            case YEAR -> date.withDayOfYear(1);
            default -> throw new IllegalStateException(this + " is not a calendar grain");
        };
    }

    private LocalDate plusOne(LocalDate first) {
        return switch (this) {
            case DAY -> first.plusDays(1);
            case WEEK -> first.plusWeeks(1);
            case MONTH -> first.plusMonths(1);
            case QUARTER -> first.plusMonths(3);
            case YEAR -> first.plusYears(1);
            default -> throw new IllegalStateException(this + " is not a calendar grain");
        };
    }

    private static Instant startOf(LocalDate date, ZoneId zone) {
        return date.atStartOfDay(zone).toInstant();
    }

    /**
     * The instant of local time {@code local} that is the latest one not after {@code t}: in a
     * repeated hour there are two, in a skipped one none, and then the transition instant is the boundary.
     */
    private static Instant resolveAtOrBefore(LocalDateTime local, Instant t, ZoneId zone) {
        List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
        if (offsets.isEmpty()) {
            ZoneOffsetTransition gap = zone.getRules().getTransition(local);
            return gap.getInstant();
        }
        Instant best = null;
        for (ZoneOffset offset : offsets) {
            Instant candidate = local.toInstant(offset);
            if (!candidate.isAfter(t) && (best == null || candidate.isAfter(best))) {
                best = candidate;
            }
        }
        return best != null ? best : local.toInstant(offsets.get(0));
    }
}
