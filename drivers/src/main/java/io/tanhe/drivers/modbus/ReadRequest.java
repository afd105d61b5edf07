package io.tanhe.drivers.modbus;

import java.util.List;

/**
 * One read on the wire that serves one or more points.
 *
 * @param unitId   the unit id addressed
 * @param function the read function
 * @param start    the first address read
 * @param count    registers (or bits) read
 * @param points   the points whose data lies inside {@code [start, start + count)}
 */
public record ReadRequest(int unitId, ModbusFunction function, int start, int count, List<ModbusPoint> points) {
    public ReadRequest {
        points = List.copyOf(points);
    }
}
