package io.tanhe.drivers.cjt188;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * What a CJ/T 188 device reads and how.
 *
 * @param id        the device id, used as the readings' source id
 * @param type      the meter type the meter reports (e.g. {@code 20} heat, {@code 10} cold water)
 * @param address   the meter address
 * @param layout    byte order, DI order and unit position of this meter model
 * @param points    what to read; every field must be one the meter type carries
 * @param timeout   how long one reply may take
 * @param retries   extra tries after a timeout or corrupt frame
 * @param stamp     which time readings carry
 * @param meterZone the time zone of the meter's clock, used with {@link Stamp#METER_CLOCK}
 */
public record Cjt188Meter(String id, MeterType type, Cjt188Address address, Cjt188Layout layout,
                          List<Cjt188Point> points, Duration timeout, int retries, Stamp stamp, ZoneId meterZone) {

    /** Which time a reading is stamped with. */
    public enum Stamp {
        /** The scheduled poll time: the default, because meter clocks drift and are rarely set. */
        POLL_TIME,
        /** The meter's real-time clock from the reply, falling back to the poll time when it sent none. */
        METER_CLOCK
    }

    public Cjt188Meter {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(stamp, "stamp");
        Objects.requireNonNull(meterZone, "meterZone");
        points = List.copyOf(points);
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative: " + retries);
        }
        if (address.isWildcard()) {
            throw new IllegalArgumentException("device " + id + ": a wildcard address cannot be polled; find the meter's address with read address first");
        }
        for (Cjt188Point p : points) {
            if (!p.field().carriedBy(type.kind())) {
                throw new IllegalArgumentException("point " + p.pointId() + ": a " + type.describe() + " does not report "
                        + p.field().key());
            }
        }
    }
}
