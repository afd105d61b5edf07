package io.tanhe.drivers.cjt188;

import io.tanhe.drivers.PolledDevice;
import io.tanhe.drivers.Quality;
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
import java.util.Optional;

/**
 * A CJ/T 188 water, heat or gas meter: one 901F read per poll feeds all configured points.
 */
public final class Cjt188Device implements PolledDevice {
    private static final Logger LOG = LoggerFactory.getLogger(Cjt188Device.class);

    private final Cjt188Meter meter;
    private final HalfDuplexLine line;
    private final Cjt188Client client;

    /**
     * @param meter what to read
     * @param line  the bus the meter is on, possibly shared with other meters; its owner closes it
     */
    public Cjt188Device(Cjt188Meter meter, HalfDuplexLine line) {
        this.meter = Objects.requireNonNull(meter, "meter");
        this.line = Objects.requireNonNull(line, "line");
        this.client = new Cjt188Client(line, meter.layout(), meter.timeout());
    }

    @Override
    public String id() {
        return meter.id();
    }

    @Override
    public List<Reading> poll(Instant scheduledAt) {
        MeterRequest<MeterData> request = () -> client.readCurrentData(meter.type(), meter.address());
        Outcome<MeterData> outcome = request.attempt(meter.retries());
        List<Reading> readings = new ArrayList<>(meter.points().size());
        if (outcome instanceof Failure<MeterData> f) {
            LOG.warn("device={} quality={} line={} detail={}", meter.id(), f.quality(), line.describe(), f.detail());
            for (Cjt188Point point : meter.points()) {
                readings.add(Reading.failed(point.pointId(), scheduledAt, point.unit(), f.quality(), meter.id(), f.detail()));
            }
        } else if (outcome instanceof Success<MeterData> s) {
            MeterData data = s.value();
            Instant at = measuredAt(data, scheduledAt);
            String note = data.batteryLow() ? String.format("battery low (ST %04X)", data.status()) : "";
            for (Cjt188Point point : meter.points()) {
                readings.add(reading(point, data, at, note));
            }
        }
        return List.copyOf(readings);
    }

    /** Does nothing: the line may serve other meters and is closed by whoever opened it. */
    @Override
    public void close() {
        // the line is shared; see the Javadoc
    }

    private Reading reading(Cjt188Point point, MeterData data, Instant at, String note) {
        Optional<Quantity> value = data.value(point.field());
        if (value.isEmpty()) {
            return Reading.failed(point.pointId(), at, point.unit(), Quality.COMM_ERROR, meter.id(),
                    "the reply of " + data.type().describe() + " carries no " + point.field().key());
        }
        Quantity q = value.get();
        String unit = point.unit().isEmpty() ? q.unit() : point.unit();
        Optional<BigDecimal> converted = UnitScale.convert(q.value(), q.unit(), unit);
        if (converted.isEmpty()) {
            String detail = point.field().key() + ": meter reports " + q.unit() + ", point " + point.pointId()
                    + " wants " + unit + ", which is not an exact decimal conversion; set the point's unit to " + q.unit();
            LOG.warn("device={} point={} detail={}", meter.id(), point.pointId(), detail);
            return Reading.failed(point.pointId(), at, unit, Quality.COMM_ERROR, meter.id(), detail);
        }
        return new Reading(point.pointId(), at, converted.get(), unit, Quality.MEASURED, meter.id(), note);
    }

    private Instant measuredAt(MeterData data, Instant scheduledAt) {
        if (meter.stamp() == Cjt188Meter.Stamp.POLL_TIME) {
            return scheduledAt;
        }
        return data.meterTime().map(t -> t.atZone(meter.meterZone()).toInstant()).orElse(scheduledAt);
    }
}
