package io.tanhe.server.measurement;

import io.tanhe.drivers.Quality;
import io.tanhe.server.site.Site;
import io.tanhe.server.site.SiteLoader;
import io.tanhe.server.store.Store;
import io.tanhe.server.store.StoredReading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A coal unit with a stack CEMS for tests of the measurement method: cn.power-generation for the
 * accounting, cn.cems-co2 for the stack, both fed through manual points. The stack reads every 30 s:
 * a flow meter at 1 080 000 m3/h, 50 °C, −0.5 kPa static, 101.325 kPa ambient, 10 % moisture, and
 * CO2 at {@code 10 + 0.1 × h} %vol dry in local hour h of the day.
 */
final class CemsPlant {
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final String CO2 = "stack1.co2";
    static final Duration STEP = Duration.ofSeconds(30);

    static final String SITE = """
            site:
              enterprise: "CEMS Test Co."
              id: cems-plant
            zone: Asia/Shanghai
            methodology:
              library: cn.power-generation
              version: "2022.1"
            close_after: 2min
            drivers:
              devices:
                - id: scale
                  type: manual
                  points:
                    - {id: unit1.coal.total, unit: t}
                - id: cems
                  type: manual
                  points:
                    - {id: stack1.co2, unit: "%"}
                    - {id: stack1.flow, unit: m3/h}
                    - {id: stack1.temperature, unit: degC}
                    - {id: stack1.static, unit: kPa}
                    - {id: stack1.ambient, unit: kPa}
                    - {id: stack1.moisture, unit: "%"}
            points:
              - {point: unit1.coal.total, input: coal_burned, key: unit1}
            measurement:
              methodology: {library: cn.cems-co2, version: "2017.1"}
              points:
                - {point: stack1.co2, input: co2_volume, key: stack1}
                - {point: stack1.flow, input: flue_flow, key: stack1}
                - {point: stack1.temperature, input: flue_temperature, key: stack1}
                - {point: stack1.static, input: flue_static_pressure, key: stack1}
                - {point: stack1.ambient, input: ambient_pressure, key: stack1}
                - {point: stack1.moisture, input: flue_moisture, key: stack1}
              compare:
                - {measured: "co2_measured[stack1]", accounting: "coal_combustion[unit1]", bound: 5}
            """;

    private CemsPlant() {
    }

    static Site site(Path dir) {
        try {
            Files.createDirectories(dir);
            return new SiteLoader(Clock.systemUTC()).load(Files.writeString(dir.resolve("site.yaml"), SITE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CO2 of local hour {@code h}, %vol dry. */
    static double co2(int h) {
        return 10 + 0.1 * h;
    }

    /**
     * Stores the stack's readings of [from, to); CO2 readings in {@code faulty} come flagged D by the
     * logger (no value, quality DEVICE_ERROR), as {@code Hj212LoggerSource} hands them over.
     */
    static void write(Store store, Instant from, Instant to, List<Instant[]> faulty) {
        List<StoredReading> out = new ArrayList<>();
        for (Instant t = from; t.isBefore(to); t = t.plus(STEP)) {
            int hour = t.atZone(ZONE).getHour();
            Instant at = t;
            boolean fault = faulty.stream().anyMatch(f -> !at.isBefore(f[0]) && at.isBefore(f[1]));
            out.add(fault ? new StoredReading(CO2, "", t, null, "%", Quality.DEVICE_ERROR, "cems", "HJ 212 flag D: fault; value 11 not used", t)
                    : reading(CO2, t, co2(hour), "%"));
            out.add(reading("stack1.flow", t, 1_080_000, "m3/h"));
            out.add(reading("stack1.temperature", t, 50, "degC"));
            out.add(reading("stack1.static", t, -0.5, "kPa"));
            out.add(reading("stack1.ambient", t, 101.325, "kPa"));
            out.add(reading("stack1.moisture", t, 10, "%"));
        }
        for (int i = 0; i < out.size(); i += 5_000) {
            store.readings().writeAll(out.subList(i, Math.min(out.size(), i + 5_000))).join();
        }
    }

    private static StoredReading reading(String point, Instant t, double value, String unit) {
        return new StoredReading(point, "", t, BigDecimal.valueOf(value), unit, Quality.MEASURED, "cems", "", t);
    }
}
