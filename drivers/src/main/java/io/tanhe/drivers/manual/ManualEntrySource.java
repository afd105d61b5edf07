package io.tanhe.drivers.manual;

import io.tanhe.drivers.Reading;
import io.tanhe.drivers.ReadingSink;
import io.tanhe.drivers.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * The source behind the manual-entry form and API: each accepted {@link ManualEntry} goes to the
 * sink at once as a {@code MANUAL} reading. Entries for points this source does not feed, or in
 * another unit than the point's, are refused with a message that says so; units are never converted
 * silently.
 */
public final class ManualEntrySource implements Source {

    private static final Logger LOG = LoggerFactory.getLogger(ManualEntrySource.class);

    private final String id;
    private final Map<String, String> unitsByPoint;
    private volatile ReadingSink sink;

    /** @param unitsByPoint the points that may be entered and their units */
    public ManualEntrySource(String id, Map<String, String> unitsByPoint) {
        this.id = id;
        this.unitsByPoint = Map.copyOf(unitsByPoint);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void start(ReadingSink sink) {
        this.sink = sink;
    }

    /**
     * Accepts one entry.
     *
     * @return the reading handed to the sink
     * @throws IllegalArgumentException if the point is not fed by this source or the unit differs
     * @throws IllegalStateException    if the source is not started or was closed
     */
    public Reading enter(ManualEntry entry) {
        ReadingSink target = sink;
        if (target == null) {
            throw new IllegalStateException("manual source " + id + " is not running");
        }
        ManualEntry checked = PointUnits.check(unitsByPoint, entry);
        Reading reading = checked.toReading(id);
        target.accept(reading);
        LOG.info("manual {} entry point={} at={} value={} {} operator={}", id, reading.pointId(),
                reading.measuredAt(), reading.value().toPlainString(), reading.unit(), checked.operator());
        return reading;
    }

    @Override
    public void close() {
        sink = null;
    }
}
