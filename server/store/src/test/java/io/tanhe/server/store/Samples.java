package io.tanhe.server.store;

import io.tanhe.drivers.Quality;
import io.tanhe.drivers.Reading;
import io.tanhe.engine.time.Grain;

import java.math.BigDecimal;
import java.time.Instant;

/** Test data: readings and results with readable defaults. */
public final class Samples {
    public static final Instant T0 = Instant.parse("2024-03-01T00:00:00Z");
    public static final MethodologyRef POWER = new MethodologyRef("cn.power-generation", "2022.1", "ab12cd34");

    private Samples() {
    }

    public static StoredReading reading(String point, Instant at, String value) {
        return StoredReading.of(Reading.measured(point, at, new BigDecimal(value), "kWh", "meter-1"), at.plusMillis(20));
    }

    public static StoredReading reading(String point, Instant at, String value, String source) {
        return StoredReading.of(new Reading(point, at, new BigDecimal(value), "kWh", Quality.MEASURED, source, ""),
                at.plusMillis(20));
    }

    public static BucketResult minute(String node, String key, Instant start, double value) {
        return result(node, key, Grain.MINUTE, start, value, POWER, "live");
    }

    public static BucketResult result(String node, String key, Grain grain, Instant start, double value,
                                      MethodologyRef methodology, String reason) {
        Instant end = grain.next(start, io.tanhe.engine.time.TimeBucket.DEFAULT_ZONE);
        return new BucketResult(node, key, grain, start, end, value, "tCO2", io.tanhe.engine.time.Quality.MEASURED,
                1.0, methodology, start.plusSeconds(90), reason);
    }
}
