package io.tanhe.bench;

import io.tanhe.drivers.modbus.PymodbusServer;
import io.tanhe.drivers.Reading;
import io.tanhe.drivers.config.ConfigContext;
import io.tanhe.drivers.config.ConfiguredSource;
import io.tanhe.drivers.config.DriverConfiguration;
import io.tanhe.drivers.config.PointsFileLoader;
import io.tanhe.drivers.modbus.ModbusDevice;
import io.tanhe.drivers.modbus.ModbusPoint;
import io.tanhe.drivers.modbus.ReadPlanner;
import io.tanhe.drivers.registry.SourceTypes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.concurrent.Callable;

/**
 * {@code tanhe bench drivers}: polls 1,000 float32 points on 10 unit ids of a local pymodbus TCP
 * server, once with the read planner and once with one request per point, and prints
 * {@code drivers: points_per_s=<n> requests_per_cycle=<n> vs_naive=<planned/naive time ratio>}.
 */
@Command(name = "drivers", mixinStandardHelpOptions = true,
        description = "Modbus polling throughput: read planner vs one request per point (needs python3-pymodbus).")
public final class DriversBench implements Callable<Integer> {
    private static final int UNITS = 10;
    private static final int POINTS_PER_UNIT = 100;

    @Option(names = "--cycles", defaultValue = "20", description = "Planned polling cycles to time (default ${DEFAULT-VALUE}).")
    int cycles;

    @Option(names = "--naive-cycles", defaultValue = "3", description = "Naive cycles to time (default ${DEFAULT-VALUE}).")
    int naiveCycles;

    @Override
    public Integer call() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (PymodbusServer server = PymodbusServer.tcp(port, image(), Duration.ofSeconds(30));
             DriverConfiguration cfg = new PointsFileLoader(SourceTypes.all()).parse(pointsFile(port), "bench",
                     new ConfigContext(Clock.systemUTC(), Path.of(".")))) {
            List<ModbusDevice> planned = cfg.sources().stream()
                    .map(s -> (ModbusDevice) ((ConfiguredSource.Polled) s).device()).toList();
            List<ModbusDevice> naive = new ArrayList<>();
            for (ConfiguredSource s : cfg.sources()) {
                ConfiguredSource.Polled p = (ConfiguredSource.Polled) s;
                ModbusDevice d = (ModbusDevice) p.device();
                List<ModbusPoint> points = d.plan().stream().flatMap(r -> r.points().stream()).toList();
                naive.add(new ModbusDevice(d.id(), d.bus(), ReadPlanner.onePerPoint(points), p.poll(),
                        Clock.systemUTC(), Duration.ofMinutes(1)));
            }
            int requestsPerCycle = planned.stream().mapToInt(d -> d.plan().size()).sum();
            int naiveRequests = naive.stream().mapToInt(d -> d.plan().size()).sum();
            cycle(planned);
            cycle(naive);
            double plannedSeconds = time(planned, cycles);
            double naiveSeconds = time(naive, naiveCycles);
            int points = UNITS * POINTS_PER_UNIT;
            System.out.printf(Locale.ROOT, "planned: %d cycles of %d points, %d requests/cycle, %.2f ms/cycle%n",
                    cycles, points, requestsPerCycle, 1000 * plannedSeconds / cycles);
            System.out.printf(Locale.ROOT, "naive:   %d cycles of %d points, %d requests/cycle, %.2f ms/cycle%n",
                    naiveCycles, points, naiveRequests, 1000 * naiveSeconds / naiveCycles);
            System.out.printf(Locale.ROOT, "drivers: points_per_s=%d requests_per_cycle=%d vs_naive=%.4f%n",
                    Math.round(points * cycles / plannedSeconds), requestsPerCycle,
                    (plannedSeconds / cycles) / (naiveSeconds / naiveCycles));
            return 0;
        }
    }

    private static double time(List<ModbusDevice> devices, int n) {
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            cycle(devices);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** One poll of every device; any reading that is not the expected value aborts the benchmark. */
    private static void cycle(List<ModbusDevice> devices) {
        Instant at = Instant.now();
        for (ModbusDevice d : devices) {
            for (Reading r : d.poll(at)) {
                if (!r.quality().isGood() || !r.value().toPlainString().equals(expected(r.pointId()))) {
                    throw new IllegalStateException("bench: wrong reading " + r);
                }
            }
        }
    }

    /** Point {@code u<unit>.p<i>} holds the float {@code unit + i/10}. */
    private static String expected(String pointId) {
        String[] parts = pointId.substring(1).split("\\.p");
        return value(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
    }

    private static String value(int unit, int i) {
        return new BigDecimal(unit * 1000 + i).movePointLeft(1).stripTrailingZeros().toPlainString();
    }

    private static String image() {
        StringJoiner units = new StringJoiner(",", "{\"units\": {", "}}");
        for (int u = 1; u <= UNITS; u++) {
            StringJoiner regs = new StringJoiner(",", "[", "]");
            for (int i = 0; i < POINTS_PER_UNIT; i++) {
                regs.add("{\"f32\": " + value(u, i) + "}");
            }
            units.add("\"" + u + "\": {\"hr\": " + regs + "}");
        }
        return units.toString();
    }

    private static String pointsFile(int port) {
        StringBuilder y = new StringBuilder("devices:\n");
        for (int u = 1; u <= UNITS; u++) {
            y.append("  - {id: unit").append(u).append(", type: modbus-tcp, host: 127.0.0.1, port: ").append(port)
                    .append(", unit_id: ").append(u).append(", timeout: 2s, retries: 0, points: [");
            for (int i = 0; i < POINTS_PER_UNIT; i++) {
                y.append(i == 0 ? "" : ", ").append("{id: u").append(u).append(".p").append(i)
                        .append(", register: ").append(2 * i).append(", type: float32}");
            }
            y.append("]}\n");
        }
        return y.toString();
    }
}
