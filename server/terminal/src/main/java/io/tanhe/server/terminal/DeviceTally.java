package io.tanhe.server.terminal;

import io.tanhe.drivers.Quality;
import io.tanhe.drivers.Reading;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Readings received per device and per quality, for the metrics. The devices are the running site's sources and
 * their backups: set when the terminal starts and again when a site file push adds or removes devices
 * ({@link #track}); counting a reading on the intake's hot path stays a map look-up and two adds, no allocation.
 * A reading from a source the site does not name counts under {@link #OTHER}. Thread-safe.
 */
public final class DeviceTally {
    /** The device name under which readings from unknown sources are counted. */
    public static final String OTHER = "(other)";

    /** One device's counters. */
    public static final class Device {
        private final LongAdder readings = new LongAdder();
        private final LongAdder failures = new LongAdder();

        /** Readings received from this device. */
        public long readings() {
            return readings.sum();
        }

        /** Readings that carry no value (timeout, communication or device error). */
        public long failures() {
            return failures.sum();
        }
    }

    /** Replaced whole by {@link #track}, never changed in place: the hot path reads it without a lock. */
    private volatile Map<String, Device> devices;
    private final Device other = new Device();
    private final LongAdder[] qualities = new LongAdder[Quality.values().length];

    DeviceTally(Collection<String> deviceIds) {
        this.devices = Map.of(OTHER, other);
        track(deviceIds);
        for (int i = 0; i < qualities.length; i++) {
            qualities[i] = new LongAdder();
        }
    }

    /**
     * Counts the devices {@code deviceIds} from now on, in that order: a device already counted keeps its counters,
     * a new one starts at zero, one not named any more is dropped (its later readings count under {@link #OTHER}).
     */
    synchronized void track(Collection<String> deviceIds) {
        Map<String, Device> before = devices;
        Map<String, Device> m = new LinkedHashMap<>();
        deviceIds.forEach(id -> {
            Device kept = before.get(id);
            m.put(id, kept == null ? new Device() : kept);
        });
        m.put(OTHER, other);
        devices = java.util.Collections.unmodifiableMap(m);
    }

    void count(Reading r) {
        Device d = devices.getOrDefault(r.sourceId(), other);
        d.readings.increment();
        if (!r.quality().hasValue()) {
            d.failures.increment();
        }
        qualities[r.quality().ordinal()].increment();
    }

    /** Every device's counters by id, in configuration order, {@link #OTHER} last: a snapshot, {@link #track} replaces it. */
    public Map<String, Device> devices() {
        return devices;
    }

    /** Readings received with {@code quality}. */
    public long quality(Quality quality) {
        return qualities[quality.ordinal()].sum();
    }
}
