package io.tanhe.server.cems;

import io.tanhe.drivers.Quality;
import io.tanhe.drivers.Reading;
import io.tanhe.server.hj212.DataFlag;
import io.tanhe.sim.cems.CemsLoggerSimulator;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulated logger uploads two hours with a calibration and a fault; the source takes every value with its quality. */
class LoggerEndToEndTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @Test
    void twoHoursWithACalibrationAndAFaultArriveWholeWithTheirQualities() throws Exception {
        List<Reading> received = new CopyOnWriteArrayList<>();
        List<LoggerPoint> points = List.of(new LoggerPoint("co2", "a05001", "2011", "Rtd", "%"),
                new LoggerPoint("flow", "a00000", "2011", "Rtd", "m3/s"));
        Instant from = Instant.parse("2024-06-03T00:00:00Z"); // 08:00 in Shanghai
        Instant calibration = from.plusSeconds(20 * 60);
        Instant fault = from.plusSeconds(70 * 60);
        try (Hj212LoggerSource source = new Hj212LoggerSource(new LoggerConfig("cems", "127.0.0.1", 0, Optional.of("LOGGER0000000001"), Optional.of("123456"),
                ZONE, Duration.ofMinutes(1), points), Clock.systemUTC())) {
            source.start(received::add);
            try (CemsLoggerSimulator logger = CemsLoggerSimulator.connect("127.0.0.1", source.port(), "LOGGER0000000001", ZONE,
                    Duration.ofSeconds(2), 3)) {
                logger.upload(from, from.plusSeconds(2 * 3600), Duration.ofMinutes(1), t ->
                        !t.isBefore(calibration) && t.isBefore(calibration.plusSeconds(20 * 60)) ? DataFlag.C
                                : !t.isBefore(fault) && t.isBefore(fault.plusSeconds(5 * 60)) ? DataFlag.D : DataFlag.N);
                assertEquals(List.of(), logger.unanswered());
                assertEquals(121, logger.sent());
            }
            assertEquals(242, received.size());
            List<Reading> co2 = received.stream().filter(r -> r.pointId().equals("co2")).toList();
            assertEquals(20, co2.stream().filter(r -> r.detail().startsWith("HJ 212 flag C")).count());
            assertEquals(5, co2.stream().filter(r -> r.detail().startsWith("HJ 212 flag D")).count());
            assertEquals(96, co2.stream().filter(r -> r.quality() == Quality.MEASURED).count());
            assertTrue(received.stream().filter(r -> r.pointId().equals("flow")).allMatch(r -> r.quality() == Quality.MEASURED));
            assertEquals(121, source.stats().acknowledged());
        }
    }
}
