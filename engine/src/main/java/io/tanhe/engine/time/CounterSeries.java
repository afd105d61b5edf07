package io.tanhe.engine.time;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A cumulative meter total of one input key. The delta between two consecutive readings is
 * apportioned to the buckets between them by time; rollovers and meter replacements are taken
 * into account; a fall without either is never counted (see {@link Flag#NEGATIVE_DELTA}).
 * Failed readings ({@link Quality#MISSING}) carry no information for a counter and are ignored:
 * the next good reading's delta covers their time.
 */
public final class CounterSeries extends LoggedSeries implements Series {
    private static final int COUNTED = 0;
    private static final int ROLLED_OVER = 1;
    private static final int NEGATIVE = 2;
    private static final int LOST_AT_REPLACEMENT = 3;

    private final CounterSettings settings;
    private final double modulus;
    private final long spreadLimit;

    CounterSeries(String input, String key, ZoneId zone, CounterSettings settings) {
        super(input, key, zone, new UnitTable(input, key, settings.amountUnit(),
                "the input's unit `" + settings.amountUnit().text() + "`"));
        this.settings = settings;
        this.modulus = settings.rollover() == null ? 0 : settings.rollover().modulusIn(settings.amountUnit());
        this.spreadLimit = settings.spreadLimit() == null ? Long.MAX_VALUE : settings.spreadLimit().toNanos();
    }

    @Override
    public CounterSettings settings() {
        return settings;
    }

    @Override
    public Change add(Observation o) {
        long t = checkedTime(o.input(), o.key(), o.timestamp());
        if (o.quality() == Quality.MISSING) {
            return Change.none(input, key, zone);
        }
        int slot = units.indexOf(o.unit(), o.timestamp());
        return changeAround(log.putReading(t, o.value(), slot, o.quality()));
    }

    /**
     * Takes a meter replacement, late or not.
     *
     * @throws ObservationException as {@link #add}
     */
    public Change replace(MeterReplacement r) {
        long t = checkedTime(r.input(), r.key(), r.at());
        int slot = units.indexOf(r.unit(), r.at());
        return changeAround(log.putReplacement(t, r.oldFinal() * units.factor(slot), r.newStart(), slot, r.quality()));
    }

    @Override
    public BucketAmount amount(TimeBucket bucket) {
        long s = checkedStart(bucket);
        long e = Nanos.of(bucket.end());
        Tally tally = new Tally();
        long[] time = log.time;
        for (int k = firstInterval(s); k + 1 < log.size && time[k] < e; k++) {
            long a = time[k];
            long b = time[k + 1];
            long lo = Math.max(a, s);
            long hi = Math.min(b, e);
            if (hi <= lo) {
                continue;
            }
            if (log.kind[k] == ReadingLog.REPLACEMENT || log.kind[k + 1] == ReadingLog.REPLACEMENT) {
                tally.flag(Flag.METER_REPLACED);
            }
            double from = log.value(k);
            double to = log.endValue(k + 1);
            int verdict = verdict(from, to);
            if (verdict == NEGATIVE) {
                tally.flag(Flag.NEGATIVE_DELTA);
                continue;
            }
            if (verdict == LOST_AT_REPLACEMENT) {
                continue;
            }
            double delta = to - from;
            if (verdict == ROLLED_OVER) {
                delta += modulus;
                tally.flag(Flag.ROLLOVER);
            }
            Quality q = log.quality(k).and(log.quality(k + 1));
            if (b - a > spreadLimit) {
                tally.flag(Flag.SPREAD);
                q = q.and(Quality.SUBSTITUTED);
            }
            tally.add(delta * ((double) (hi - lo) / (b - a)), hi - lo, q, a, b);
        }
        return tally.toAmount(bucket, e - s, settings.amountUnit());
    }

    /** How an interval from value {@code from} to value {@code to} counts. */
    private int verdict(double from, double to) {
        if (Double.isNaN(to)) {
            return LOST_AT_REPLACEMENT;
        }
        if (to >= from) {
            return COUNTED;
        }
        return modulus > 0 && to - from + modulus <= modulus / 2 ? ROLLED_OVER : NEGATIVE;
    }

    @Override
    public List<Anomaly> anomalies(TimeBucket bucket) {
        long s = checkedStart(bucket);
        long e = Nanos.of(bucket.end());
        List<Anomaly> result = new ArrayList<>();
        int reportedReplacement = -1;
        for (int k = firstInterval(s); k + 1 < log.size && log.time[k] < e; k++) {
            if (Math.min(log.time[k + 1], e) <= Math.max(log.time[k], s)) {
                continue;
            }
            intervalAnomaly(k).ifPresent(result::add);
            for (int end = k; end <= k + 1; end++) {
                if (log.kind[end] == ReadingLog.REPLACEMENT && end > reportedReplacement) {
                    result.add(replacementAnomaly(end));
                    reportedReplacement = end;
                }
            }
        }
        return List.copyOf(result);
    }

    private Optional<Anomaly> intervalAnomaly(int k) {
        Instant from = Nanos.toInstant(log.time[k]);
        Instant to = Nanos.toInstant(log.time[k + 1]);
        double a = log.value(k);
        double b = log.endValue(k + 1);
        int verdict = verdict(a, b);
        return Optional.ofNullable(switch (verdict) {
            case NEGATIVE -> new Anomaly(Flag.NEGATIVE_DELTA, from, to, "counter fell from " + quantity(a) + " to "
                    + quantity(b) + " without a rollover or a meter replacement; the interval is not counted"
                    + " and its time counts as missing");
            case LOST_AT_REPLACEMENT -> new Anomaly(Flag.METER_REPLACED, from, to, "the old meter's final value is"
                    + " unknown; the consumption since " + from + " is not counted and its time counts as missing");
            case ROLLED_OVER -> new Anomaly(Flag.ROLLOVER, from, to, "counter rolled over from " + quantity(a) + " to "
                    + quantity(b) + " at a modulus of " + quantity(modulus) + "; counted " + quantity(b - a + modulus));
            default -> log.time[k + 1] - log.time[k] > spreadLimit
                    ? new Anomaly(Flag.SPREAD, from, to, "readings " + Duration.between(from, to) + " apart (limit "
                    + settings.spreadLimit() + "); their delta " + quantity(b - a) + " was spread over that time")
                    : null;
        });
    }

    private Anomaly replacementAnomaly(int i) {
        Instant at = Nanos.toInstant(log.time[i]);
        String old = Double.isNaN(log.endValue(i)) ? "unknown" : quantity(log.endValue(i));
        return new Anomaly(Flag.METER_REPLACED, at, at, "meter replaced: old meter's final value " + old
                + ", new meter's start value " + quantity(log.value(i)));
    }
}
