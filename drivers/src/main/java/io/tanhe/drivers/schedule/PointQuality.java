package io.tanhe.drivers.schedule;

import io.tanhe.drivers.Quality;
import io.tanhe.drivers.Reading;
import io.tanhe.drivers.ReadingSink;
import io.tanhe.drivers.config.PointSettings;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Applies the common point checks to good readings before they go on: a value outside the
 * configured range becomes {@code OUT_OF_RANGE}; a value unchanged for longer than the point's
 * stale limit becomes {@code STALE}. Thread-safe.
 */
public final class PointQuality implements ReadingSink {
    private final Map<String, PointSettings> points;
    private final ReadingSink next;
    private final Map<String, Last> last = new HashMap<>();

    private record Last(BigDecimal value, Instant since) {
    }

    /** @param points settings by point id; readings of unknown points pass unchanged */
    public PointQuality(Map<String, PointSettings> points, ReadingSink next) {
        this.points = Map.copyOf(points);
        this.next = next;
    }

    @Override
    public void accept(Reading reading) {
        next.accept(judge(reading));
    }

    /** The reading with its quality adjusted by the point's range and stale limit. */
    public synchronized Reading judge(Reading r) {
        PointSettings p = points.get(r.pointId());
        if (p == null || !r.quality().isGood() || r.quality() == Quality.MANUAL) {
            return r;
        }
        if (!p.inRange(r.value())) {
            return r.withQuality(Quality.OUT_OF_RANGE, r.sourceId(), "outside range ["
                    + (p.min() == null ? "" : p.min().toPlainString()) + ", "
                    + (p.max() == null ? "" : p.max().toPlainString()) + "]");
        }
        if (p.staleAfter() == null) {
            return r;
        }
        String key = r.sourceId() + "/" + r.pointId();
        Last l = last.get(key);
        if (l == null || l.value().compareTo(r.value()) != 0) {
            last.put(key, new Last(r.value(), r.measuredAt()));
            return r;
        }
        Duration unchanged = Duration.between(l.since(), r.measuredAt());
        if (unchanged.compareTo(p.staleAfter()) > 0) {
            return r.withQuality(Quality.STALE, r.sourceId(), "unchanged since " + l.since());
        }
        return r;
    }
}
