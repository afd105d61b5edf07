package io.tanhe.drivers.dlt645;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a DL/T 645 device reads and how.
 *
 * @param id      the device id, used as the readings' source id
 * @param address the meter address
 * @param points  what to read, one request each
 * @param timeout how long one reply may take
 * @param retries extra tries after a timeout or corrupt frame (0 = one try)
 */
public record Dlt645Meter(String id, Dlt645Address address, List<Dlt645Point> points, Duration timeout, int retries) {

    public Dlt645Meter {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(timeout, "timeout");
        points = List.copyOf(points);
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative: " + retries);
        }
        if (address.isWildcard()) {
            throw new IllegalArgumentException("device " + id + ": a wildcard address cannot be polled; find the meter's address with read address first");
        }
    }
}
