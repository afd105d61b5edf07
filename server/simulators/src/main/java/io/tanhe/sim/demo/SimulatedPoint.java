package io.tanhe.sim.demo;

import io.tanhe.drivers.config.PointSettings;

/**
 * One point of a simulated device.
 *
 * @param settings the common point fields (id, unit, range, stale)
 * @param signal   what it shows over time
 * @param failRate the share of polls that time out (deterministic per point and time)
 */
record SimulatedPoint(PointSettings settings, Signal signal, double failRate) {
}
