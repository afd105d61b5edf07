package io.tanhe.drivers.dlt645;

import io.tanhe.drivers.PolledDevice;
import io.tanhe.drivers.Reading;
import io.tanhe.drivers.serial.HalfDuplexLine;
import io.tanhe.drivers.serial.MeterRequest;
import io.tanhe.drivers.serial.MeterRequest.Failure;
import io.tanhe.drivers.serial.MeterRequest.Outcome;
import io.tanhe.drivers.serial.MeterRequest.Success;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A DL/T 645 meter read point by point, one read-data request per configured DI. DL/T 645 replies
 * carry no timestamp, so readings are stamped with the scheduled poll time.
 *
 * <p>When the line fails (no answer, no connection) the remaining points of that poll are not tried
 * and get the same failure, so a dead meter costs one timeout per poll, not one per point.
 */
public final class Dlt645Device implements PolledDevice {
    private static final Logger LOG = LoggerFactory.getLogger(Dlt645Device.class);

    private final Dlt645Meter meter;
    private final HalfDuplexLine line;
    private final Dlt645Client client;

    /**
     * @param meter what to read
     * @param line  the bus the meter is on, possibly shared with other meters; its owner closes it
     */
    public Dlt645Device(Dlt645Meter meter, HalfDuplexLine line) {
        this.meter = Objects.requireNonNull(meter, "meter");
        this.line = Objects.requireNonNull(line, "line");
        this.client = new Dlt645Client(line, meter.timeout());
    }

    @Override
    public String id() {
        return meter.id();
    }

    @Override
    public List<Reading> poll(Instant scheduledAt) {
        List<Reading> readings = new ArrayList<>(meter.points().size());
        Failure<BigDecimal> lineFailure = null;
        for (Dlt645Point point : meter.points()) {
            if (lineFailure != null) {
                readings.add(Reading.failed(point.pointId(), scheduledAt, point.unit(), lineFailure.quality(), meter.id(),
                        "not tried, the line failed earlier in this poll: " + lineFailure.detail()));
                continue;
            }
            MeterRequest<BigDecimal> request = () -> client.read(meter.address(), point.di(), point.format());
            Outcome<BigDecimal> outcome = request.attempt(meter.retries());
            if (outcome instanceof Success<BigDecimal> s) {
                readings.add(Reading.measured(point.pointId(), scheduledAt, s.value(), point.unit(), meter.id()));
            } else if (outcome instanceof Failure<BigDecimal> f) {
                LOG.warn("device={} point={} di={} quality={} line={} detail={}", meter.id(), point.pointId(), point.di(),
                        f.quality(), line.describe(), f.detail());
                readings.add(Reading.failed(point.pointId(), scheduledAt, point.unit(), f.quality(), meter.id(), f.detail()));
                if (f.lineDown()) {
                    lineFailure = f;
                }
            }
        }
        return List.copyOf(readings);
    }

    /** Does nothing: the line may serve other meters and is closed by whoever opened it. */
    @Override
    public void close() {
        // the line is shared; see the Javadoc
    }
}
