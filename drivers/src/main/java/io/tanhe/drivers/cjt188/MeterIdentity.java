package io.tanhe.drivers.cjt188;

import java.util.Objects;

/**
 * What read address found on the bus.
 *
 * @param type    the meter type the meter reports
 * @param address its address
 */
public record MeterIdentity(MeterType type, Cjt188Address address) {
    public MeterIdentity {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(address, "address");
    }
}
