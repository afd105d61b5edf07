package io.tanhe.drivers.config;

import io.tanhe.drivers.PolledDevice;
import io.tanhe.drivers.Source;

import java.util.List;

/** What one device entry of a points file became: a polled device with its schedule, or a push source. */
public sealed interface ConfiguredSource permits ConfiguredSource.Polled, ConfiguredSource.Pushed {

    /** The device id. */
    String id();

    /** The points this source feeds, with their common settings. */
    List<PointSettings> points();

    /** A device a scheduler polls. */
    record Polled(PolledDevice device, PollSettings poll, List<PointSettings> points) implements ConfiguredSource {
        public Polled {
            points = List.copyOf(points);
        }

        @Override
        public String id() {
            return device.id();
        }
    }

    /** A source that delivers readings on its own (MQTT, OPC UA, manual entry). */
    record Pushed(Source source, List<PointSettings> points) implements ConfiguredSource {
        public Pushed {
            points = List.copyOf(points);
        }

        @Override
        public String id() {
            return source.id();
        }
    }
}
