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

    private final String id;
    private final Dlt645Address address;
    private final List<Dlt645Point> points;
    private final int retries;
    private final HalfDuplexLine line;
    private final Dlt645Client client;

    /**
     * @param id      the device id, used as the readings' source id
     * @param address the meter address
     * @param points  what to read
     * @param retries extra tries after a timeout or corrupt frame (0 = one try)
     * @param line    the bus the meter is on; closed with the device
     */
    public Dlt645Device(String id, Dlt645Address address, List<Dlt645Point> points, int retries, HalfDuplexLine line) {
        this.id = Objects.requireNonNull(id, "id");
        this.address = Objects.requireNonNull(address, "address");
        this.points = List.copyOf(points);
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative: " + retries);
        }
        this.retries = retries;
        this.line = Objects.requireNonNull(line, "line");
        this.client = new Dlt645Client(line);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public List<Reading> poll(Instant scheduledAt) {
        List<Reading> readings = new ArrayList<>(points.size());
        Failure<BigDecimal> lineFailure = null;
        for (Dlt645Point point : points) {
            if (lineFailure != null) {
                readings.add(Reading.failed(point.pointId(), scheduledAt, point.unit(), lineFailure.quality(), id,
                        "not tried, the line failed earlier in this poll: " + lineFailure.detail()));
                continue;
            }
            MeterRequest<BigDecimal> request = () -> client.read(address, point.di(), point.format());
            Outcome<BigDecimal> outcome = request.attempt(retries);
            if (outcome instanceof Success<BigDecimal> s) {
                readings.add(Reading.measured(point.pointId(), scheduledAt, s.value(), point.unit(), id));
            } else if (outcome instanceof Failure<BigDecimal> f) {
                LOG.warn("device={} point={} di={} quality={} line={} detail={}", id, point.pointId(), point.di(),
                        f.quality(), line.describe(), f.detail());
                readings.add(Reading.failed(point.pointId(), scheduledAt, point.unit(), f.quality(), id, f.detail()));
                if (f.lineDown()) {
                    lineFailure = f;
                }
            }
        }
        return List.copyOf(readings);
    }

    @Override
    public void close() {
        line.close();
    }
}
