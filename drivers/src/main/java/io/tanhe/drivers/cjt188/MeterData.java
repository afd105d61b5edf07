package io.tanhe.drivers.cjt188;

import java.time.LocalDateTime;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The decoded content of a 901F reply (current metering data).
 */
public final class MeterData {
    private final MeterType type;
    private final Cjt188Address address;
    private final Map<MeterField, Quantity> values;
    private final LocalDateTime meterTime;
    private final int status;

    /**
     * @param meterTime the meter's real-time clock, {@code null} when it sent zeros or an invalid date
     * @param status    the status word ST, first byte in the low 8 bits
     */
    public MeterData(MeterType type, Cjt188Address address, Map<MeterField, Quantity> values, LocalDateTime meterTime, int status) {
        this.type = Objects.requireNonNull(type, "type");
        this.address = Objects.requireNonNull(address, "address");
        this.values = Map.copyOf(values);
        this.meterTime = meterTime;
        this.status = status;
    }

    public MeterType type() {
        return type;
    }

    public Cjt188Address address() {
        return address;
    }

    /** Every value the reply carried. */
    public Map<MeterField, Quantity> values() {
        return values;
    }

    /** One value, if this meter type carries it. */
    public Optional<Quantity> value(MeterField field) {
        return Optional.ofNullable(values.get(field));
    }

    /** The meter's clock as it reported it (local time of the meter), if it sent a valid one. */
    public Optional<LocalDateTime> meterTime() {
        return Optional.ofNullable(meterTime);
    }

    /** The status word ST; bits D0/D1 valve, D2 battery low, the rest vendor-defined (protocols.md §3.3). */
    public int status() {
        return status;
    }

    /** Status bit D2. */
    public boolean batteryLow() {
        return (status & 0x04) != 0;
    }

    /** Status bits D0/D1: {@code open}, {@code closed} or {@code abnormal}. */
    public String valve() {
        return switch (status & 0x03) {
            case 0 -> "open";
            case 1 -> "closed";
            default -> "abnormal";
        };
    }
}
