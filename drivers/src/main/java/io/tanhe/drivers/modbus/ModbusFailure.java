package io.tanhe.drivers.modbus;

import io.tanhe.drivers.Quality;

/** A Modbus exchange that gave no usable answer, classified as the reading quality it causes. */
public class ModbusFailure extends Exception {
    private final Quality quality;

    public ModbusFailure(Quality quality, String message) {
        super(message);
        this.quality = quality;
    }

    /** {@code TIMEOUT}, {@code COMM_ERROR} or {@code DEVICE_ERROR}. */
    public Quality quality() {
        return quality;
    }
}
