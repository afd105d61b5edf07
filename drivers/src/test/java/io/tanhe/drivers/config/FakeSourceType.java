package io.tanhe.drivers.config;

import io.tanhe.grammar.config.ConfigNode;
import io.tanhe.drivers.PolledDevice;
import io.tanhe.drivers.Reading;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A source type with one driver-specific device field and one point field, to test the framework alone. */
final class FakeSourceType implements SourceType {

    /** The device a fake entry becomes: remembers what it was configured with. */
    record FakeDevice(String id, int scale, List<Integer> registers) implements PolledDevice {
        @Override
        public List<Reading> poll(Instant scheduledAt) {
            return List.of();
        }

        @Override
        public void close() {
        }
    }

    @Override
    public String type() {
        return "fake";
    }

    @Override
    public ConfiguredSource create(String id, ConfigNode device, ConfigContext ctx) {
        PollSettings poll = PollSettings.read(device);
        int scale = device.integer("scale", 1, 1, 1000);
        List<PointSettings> points = new ArrayList<>();
        List<Integer> registers = new ArrayList<>();
        for (ConfigNode p : device.list("points")) {
            points.add(PointSettings.read(p));
            registers.add(p.integer("register", 0, 65535));
        }
        return new ConfiguredSource.Polled(new FakeDevice(id, scale, registers), poll, points);
    }
}
