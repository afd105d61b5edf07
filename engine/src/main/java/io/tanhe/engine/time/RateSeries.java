package io.tanhe.engine.time;

import io.tanhe.engine.units.Unit;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A power or flow of one input key, integrated over time by the trapezoid rule between consecutive
 * readings: within an interval the rate is taken as linear between its two readings, so the part of
 * the interval inside a bucket contributes exactly the area under that line. An interval longer than
 * {@link RateSettings#maxGap()} or ending at a failed reading ({@link Quality#MISSING}) is not
 * bridged: its time counts as missing and is flagged {@link Flag#GAP}.
 */
public final class RateSeries extends LoggedSeries implements Series {
    private static final Unit HOUR = Unit.parse("h");

    private final RateSettings settings;
    private final long maxGap;

    RateSeries(String input, String key, ZoneId zone, RateSettings settings) {
        super(input, key, zone, new UnitTable(input, key, settings.amountUnit().divide(HOUR),
                "`" + rateText(settings.amountUnit()) + "`, the rate whose time integral is the input's unit `"
                        + settings.amountUnit().text() + "`"));
        this.settings = settings;
        this.maxGap = settings.maxGap().toNanos();
    }

    /** {@code kW} for {@code kW·h}: the rate unit as the declaration wrote it. */
    private static String rateText(Unit amountUnit) {
        String text = amountUnit.text();
        return text.endsWith("·h") ? text.substring(0, text.length() - 2) : amountUnit.divide(HOUR).text();
    }

    @Override
    public RateSettings settings() {
        return settings;
    }

    @Override
    public Change add(Observation o) {
        long t = checkedTime(o.input(), o.key(), o.timestamp());
        int slot = units.indexOf(o.unit(), o.timestamp());
        return changeAround(log.putReading(t, o.value(), slot, o.quality()));
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
            double ra = log.value(k);
            double rb = log.value(k + 1);
            if (b - a > maxGap || Double.isNaN(ra) || Double.isNaN(rb)) {
                tally.flag(Flag.GAP);
                continue;
            }
            double slope = (rb - ra) / (b - a);
            double atLo = ra + slope * (lo - a);
            double atHi = ra + slope * (hi - a);
            tally.add((atLo + atHi) / 2 * ((hi - lo) / Nanos.PER_HOUR), hi - lo,
                    log.quality(k).and(log.quality(k + 1)), a, b);
        }
        return tally.toAmount(bucket, e - s, settings.amountUnit());
    }

    @Override
    public List<Anomaly> anomalies(TimeBucket bucket) {
        long s = checkedStart(bucket);
        long e = Nanos.of(bucket.end());
        List<Anomaly> result = new ArrayList<>();
        for (int k = firstInterval(s); k + 1 < log.size && log.time[k] < e; k++) {
            if (Math.min(log.time[k + 1], e) <= Math.max(log.time[k], s)) {
                continue;
            }
            Instant from = Nanos.toInstant(log.time[k]);
            Instant to = Nanos.toInstant(log.time[k + 1]);
            if (Double.isNaN(log.raw[k]) || Double.isNaN(log.raw[k + 1])) {
                Instant failed = Double.isNaN(log.raw[k]) ? from : to;
                result.add(new Anomaly(Flag.GAP, from, to, "the reading at " + failed
                        + " failed; the time from " + from + " to " + to + " counts as missing"));
            } else if (log.time[k + 1] - log.time[k] > maxGap) {
                result.add(new Anomaly(Flag.GAP, from, to, "no reading for " + Duration.between(from, to)
                        + " (limit " + settings.maxGap() + "); that time counts as missing"));
            }
        }
        return List.copyOf(result);
    }
}
