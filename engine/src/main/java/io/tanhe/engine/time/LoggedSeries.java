package io.tanhe.engine.time;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** What counters and rates share: the reading log, unit conversion, change ranges, provenance and retention. */
abstract sealed class LoggedSeries permits CounterSeries, RateSeries {
    final String input;
    final String key;
    final ZoneId zone;
    final UnitTable units;
    final ReadingLog log;
    private long horizon = Long.MIN_VALUE;

    LoggedSeries(String input, String key, ZoneId zone, UnitTable units) {
        this.input = input;
        this.key = key;
        this.zone = zone;
        this.units = units;
        this.log = new ReadingLog(units);
    }

    public String input() {
        return input;
    }

    public String key() {
        return key;
    }

    public int size() {
        return log.size;
    }

    /** Validates the observation's series and time; returns its time in epoch nanos. */
    final long checkedTime(String obsInput, String obsKey, Instant t) {
        if (!input.equals(obsInput) || !key.equals(obsKey)) {
            throw new ObservationException(obsInput, obsKey, t, "this is the series of "
                    + ObservationException.where(input, key) + "; route the observation by input and key");
        }
        if (!Nanos.inRange(t)) {
            throw new ObservationException(obsInput, obsKey, t, "the timestamp is outside 1677..2262");
        }
        long nanos = Nanos.of(t);
        if (nanos < horizon) {
            throw new ObservationException(obsInput, obsKey, t, "older than the retained window, which starts at "
                    + Nanos.toInstant(horizon) + "; recompute that period by replaying the stored readings into a fresh model");
        }
        return nanos;
    }

    /** The change caused by (re)writing the entry at {@code index}: the intervals on both sides of it. */
    final Change changeAround(int index) {
        long from = index > 0 ? log.time[index - 1] : log.time[index];
        long to = index + 1 < log.size ? log.time[index + 1] : log.time[index];
        return new Change(input, key, from, to, zone);
    }

    final long checkedStart(TimeBucket bucket) {
        long start = Nanos.of(bucket.start());
        if (start < horizon) {
            throw new IllegalArgumentException(ObservationException.where(input, key) + ": " + bucket
                    + " starts before the retained window (" + Nanos.toInstant(horizon)
                    + "); read it from storage or replay the stored readings");
        }
        return start;
    }

    /** The index of the first entry of the first interval that may overlap {@code [start, ...)}. */
    final int firstInterval(long start) {
        return Math.max(0, log.floorIndex(start));
    }

    public List<Observation> feeding(TimeBucket bucket) {
        BucketAmount amount = amount(bucket);
        if (!amount.fed()) {
            return List.of();
        }
        long from = Nanos.of(amount.firstObservation());
        long to = Nanos.of(amount.lastObservation());
        List<Observation> result = new ArrayList<>();
        for (int i = Math.max(0, log.floorIndex(from)); i < log.size && log.time[i] <= to; i++) {
            if (log.time[i] >= from && log.kind[i] == ReadingLog.READING) {
                result.add(new Observation(Nanos.toInstant(log.time[i]), input, key, log.raw[i],
                        units.unit(log.unit[i]), log.quality(i)));
            }
        }
        return List.copyOf(result);
    }

    public void forgetBefore(Instant horizonTime) {
        long h = Nanos.of(horizonTime);
        if (h <= horizon) {
            return;
        }
        horizon = h;
        log.dropBefore(log.floorIndex(h));
    }

    abstract BucketAmount amount(TimeBucket bucket);

    /** A value in the unit readings are converted to, for anomaly texts. */
    final String quantity(double value) {
        return value + " " + units.target().text();
    }
}
