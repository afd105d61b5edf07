package io.tanhe.drivers.modbus;

import io.tanhe.drivers.config.PointSettings;

/**
 * One configured Modbus point.
 *
 * @param settings the common point settings (id, unit, range, stale)
 * @param unitId   the slave / unit id 0..247 (0..255 on TCP)
 * @param function the read function
 * @param address  the 0-based register or bit address
 * @param type     how the raw data is read as a number
 * @param order    byte and word order
 * @param scaling  raw value to point value
 */
public record ModbusPoint(PointSettings settings, int unitId, ModbusFunction function, int address,
                          DataType type, RegisterOrder order, Scaling scaling) {

    /** Registers (or bits) the point occupies. */
    public int length() {
        return function.readsBits() ? 1 : type.registers();
    }

    /** The first address after the point. */
    public int end() {
        return address + length();
    }

    /** The point id. */
    public String id() {
        return settings.id();
    }
}
