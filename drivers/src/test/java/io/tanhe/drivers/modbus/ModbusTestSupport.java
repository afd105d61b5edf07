package io.tanhe.drivers.modbus;

import io.tanhe.drivers.Reading;
import io.tanhe.drivers.config.ConfigContext;
import io.tanhe.drivers.config.ConfiguredSource;
import io.tanhe.drivers.config.DriverConfiguration;
import io.tanhe.drivers.config.PointsFileLoader;
import io.tanhe.drivers.registry.SourceTypes;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Helpers shared by the Modbus tests that talk to real peers. */
final class ModbusTestSupport {
    private ModbusTestSupport() {
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static DriverConfiguration load(String yaml) {
        return load(yaml, Clock.systemUTC());
    }

    static DriverConfiguration load(String yaml, Clock clock) {
        return new PointsFileLoader(SourceTypes.all()).parse(yaml, "test.yaml", new ConfigContext(clock, Path.of(".")));
    }

    static ModbusDevice device(DriverConfiguration c, String id) {
        return (ModbusDevice) ((ConfiguredSource.Polled) c.source(id).orElseThrow()).device();
    }

    /** Polls a device once and indexes the readings by point id. */
    static Map<String, Reading> poll(DriverConfiguration c, String id) {
        Map<String, Reading> out = new LinkedHashMap<>();
        List<Reading> readings = device(c, id).poll(Instant.parse("2025-01-01T00:00:00Z"));
        readings.forEach(r -> out.put(r.pointId(), r));
        return out;
    }
}
