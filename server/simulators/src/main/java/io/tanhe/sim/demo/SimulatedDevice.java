package io.tanhe.sim.demo;

import io.tanhe.drivers.PolledDevice;
import io.tanhe.drivers.Quality;
import io.tanhe.drivers.Reading;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A meter that exists only in software: it answers a poll like a real device (one reading per
 * point, measured at the scheduled time), with values from its {@link Signal}s and, now and then,
 * a timeout. It plugs into the real driver machinery (schedule, range and stale checks, failover)
 * through {@link PolledDevice}.
 */
public final class SimulatedDevice implements PolledDevice {
    private final String id;
    private final List<SimulatedPoint> points;

    SimulatedDevice(String id, List<SimulatedPoint> points) {
        this.id = id;
        this.points = List.copyOf(points);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public List<Reading> poll(Instant scheduledAt) {
        List<Reading> out = new ArrayList<>(points.size());
        for (SimulatedPoint p : points) {
            long seed = p.settings().id().hashCode() * 31L + scheduledAt.toEpochMilli();
            if (p.failRate() > 0 && (Signal.centred(seed ^ 0x5DEECE66DL) + 1) / 2 < p.failRate()) {
                out.add(Reading.failed(p.settings().id(), scheduledAt, p.settings().unit(), Quality.TIMEOUT, id,
                        "simulated: no answer within the timeout"));
            } else {
                out.add(Reading.measured(p.settings().id(), scheduledAt, p.signal().valueAt(scheduledAt, seed),
                        p.settings().unit(), id));
            }
        }
        return out;
    }

    @Override
    public void close() {
        // nothing to release: no connection
    }
}
