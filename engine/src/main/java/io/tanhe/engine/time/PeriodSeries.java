package io.tanhe.engine.time;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A quantity given per period (see {@link PeriodSettings}): one value per period, by the observation
 * with the latest timestamp in it. A {@link PeriodQuantity#SUMMABLE} value is spread over its period
 * by time; an {@link PeriodQuantity#INTENSIVE} one is held by every bucket inside its period.
 * Failed observations ({@link Quality#MISSING}) are ignored: a period without a value is missing anyway.
 */
public final class PeriodSeries implements Series {
    private final String input;
    private final String key;
    private final ZoneId zone;
    private final PeriodSettings settings;
    private final UnitTable units;
    private final NavigableMap<Long, Entry> periods = new TreeMap<>();
    private long horizon = Long.MIN_VALUE;

    /** One period's value: the period [start, end), the winning observation's time, its value converted and raw. */
    private record Entry(long start, long end, long stamp, double value, double raw, int unitSlot, Quality quality) {
    }

    PeriodSeries(String input, String key, ZoneId zone, PeriodSettings settings) {
        this.input = input;
        this.key = key;
        this.zone = zone;
        this.settings = settings;
        this.units = new UnitTable(input, key, settings.amountUnit(), "the input's unit `" + settings.amountUnit().text() + "`");
    }

    @Override
    public String input() {
        return input;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public PeriodSettings settings() {
        return settings;
    }

    @Override
    public int size() {
        return periods.size();
    }

    @Override
    public Change add(Observation o) {
        if (!input.equals(o.input()) || !key.equals(o.key())) {
            throw new ObservationException(o.input(), o.key(), o.timestamp(), "this is the series of "
                    + ObservationException.where(input, key) + "; route the observation by input and key");
        }
        if (!Nanos.inRange(o.timestamp())) {
            throw new ObservationException(input, key, o.timestamp(), "the timestamp is outside 1677..2262");
        }
        if (o.quality() == Quality.MISSING) {
            return Change.none(input, key, zone);
        }
        TimeBucket period = TimeBucket.of(settings.period(), o.timestamp(), zone);
        long start = Nanos.of(period.start());
        if (start < horizon) {
            throw new ObservationException(input, key, o.timestamp(), "its period " + period
                    + " lies before the retained window, which starts at " + Nanos.toInstant(horizon)
                    + "; recompute that period by replaying the stored values into a fresh model");
        }
        long stamp = Nanos.of(o.timestamp());
        Entry existing = periods.get(start);
        if (existing != null && existing.stamp > stamp) {
            return Change.none(input, key, zone);
        }
        int slot = units.indexOf(o.unit(), o.timestamp());
        long end = Nanos.of(period.end());
        periods.put(start, new Entry(start, end, stamp, o.value() * units.factor(slot), o.value(), slot, o.quality()));
        return new Change(input, key, start, end, zone);
    }

    @Override
    public BucketAmount amount(TimeBucket bucket) {
        long s = checkedStart(bucket);
        long e = Nanos.of(bucket.end());
        Tally tally = new Tally();
        double weighted = 0;
        for (Entry p : overlapping(s, e)) {
            long overlap = Math.min(p.end, e) - Math.max(p.start, s);
            double share = settings.quantity() == PeriodQuantity.SUMMABLE
                    ? p.value * ((double) overlap / (p.end - p.start))
                    : 0;
            weighted += p.value * overlap;
            tally.add(share, overlap, p.quality, p.stamp, p.stamp);
        }
        if (settings.quantity() == PeriodQuantity.INTENSIVE) {
            tally.amount = tally.coveredNanos == 0 ? 0 : weighted / tally.coveredNanos;
            if (bucket.grain().isCoarserThan(settings.period())) {
                tally.flag(Flag.AVERAGED);
            }
        }
        return tally.toAmount(bucket, e - s, settings.amountUnit());
    }

    @Override
    public List<Observation> feeding(TimeBucket bucket) {
        long s = checkedStart(bucket);
        return overlapping(s, Nanos.of(bucket.end())).stream()
                .map(p -> new Observation(Nanos.toInstant(p.stamp), input, key, p.raw, units.unit(p.unitSlot), p.quality))
                .toList();
    }

    @Override
    public List<Anomaly> anomalies(TimeBucket bucket) {
        if (settings.quantity() != PeriodQuantity.INTENSIVE || !bucket.grain().isCoarserThan(settings.period())) {
            return List.of();
        }
        int n = overlapping(checkedStart(bucket), Nanos.of(bucket.end())).size();
        return List.of(new Anomaly(Flag.AVERAGED, bucket.start(), bucket.end(), "time-weighted mean of " + n + " "
                + settings.period().label() + " value(s); multiply it with amounts per " + settings.period().label()
                + ", not per " + bucket.grain().label()));
    }

    @Override
    public void forgetBefore(Instant horizonTime) {
        long h = Nanos.of(horizonTime);
        if (h > horizon) {
            horizon = h;
            periods.headMap(h).entrySet().removeIf(p -> p.getValue().end <= h);
        }
    }

    private List<Entry> overlapping(long s, long e) {
        List<Entry> result = new ArrayList<>();
        Long from = periods.floorKey(s);
        for (Map.Entry<Long, Entry> p : periods.subMap(from == null ? s : from, true, e, false).entrySet()) {
            if (p.getValue().end > s) {
                result.add(p.getValue());
            }
        }
        return result;
    }

    private long checkedStart(TimeBucket bucket) {
        long start = Nanos.of(bucket.start());
        if (start < horizon) {
            throw new IllegalArgumentException(ObservationException.where(input, key) + ": " + bucket
                    + " starts before the retained window (" + Nanos.toInstant(horizon)
                    + "); read it from storage or replay the stored values");
        }
        return start;
    }
}
