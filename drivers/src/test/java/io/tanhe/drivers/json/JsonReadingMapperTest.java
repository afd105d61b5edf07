package io.tanhe.drivers.json;

import com.fasterxml.jackson.core.JsonPointer;
import io.tanhe.drivers.Quality;
import io.tanhe.drivers.Reading;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonReadingMapperTest {
    private static final Instant ARRIVAL = Instant.parse("2024-03-01T00:00:00Z");
    private final JsonReadingMapper mapper = new JsonReadingMapper("src");

    @Test
    void timestampFormatsReadTheDeviceClock() {
        assertEquals(Instant.parse("2024-03-01T00:15:30.5Z"), time("epoch-s", "1709252130.5"));
        assertEquals(Instant.parse("2024-03-01T00:15:30Z"), time("epoch-ms", "1709252130000"));
        assertEquals(Instant.parse("2024-03-01T00:15:00Z"), time("dd.MM.yyyy HH:mm", "\"01.03.2024 08:15\""));
        assertEquals(Instant.parse("2024-03-01T00:15:00Z"), time("iso", "\"2024-03-01T01:15:00+01:00\""));
    }

    @Test
    void badTimestampOrDeviceQualityFlagsTheReading() {
        Reading bad = map(new JsonPointMapping("p", JsonPointer.compile("/v"), "kWh", null,
                JsonPointer.compile("/t"), new TimestampFormat.Iso(ZoneOffset.UTC), null, null), "{\"v\":1,\"t\":\"soon\"}");
        assertEquals(Quality.COMM_ERROR, bad.quality());
        assertEquals("timestamp at /t: 'soon' is not an ISO-8601 date-time", bad.detail());

        Reading flagged = map(new JsonPointMapping("p", JsonPointer.compile("/v"), "kWh", null, null, null,
                JsonPointer.compile("/q"), Set.of("0")), "{\"v\":1,\"q\":3}");
        assertEquals(Quality.DEVICE_ERROR, flagged.quality());
        assertEquals("device quality at /q is 3, not one of [0]", flagged.detail());
    }

    @Test
    void nullAndObjectValuesAreNotNumbers() {
        assertEquals("value at /v is not a number: null", map(JsonPointMapping.of("p", "/v", ""), "{\"v\":null}").detail());
        assertEquals("value at /v is not a number: {\"a\":1}", map(JsonPointMapping.of("p", "/v", ""), "{\"v\":{\"a\":1}}").detail());
    }

    private Instant time(String format, String json) {
        Reading r = map(new JsonPointMapping("p", JsonPointer.compile("/v"), "kWh", null, JsonPointer.compile("/t"),
                TimestampFormat.named(format, ZoneOffset.ofHours(8)), null, null), "{\"v\":1,\"t\":" + json + "}");
        assertEquals(Quality.MEASURED, r.quality(), r.detail());
        return r.measuredAt();
    }

    private Reading map(JsonPointMapping mapping, String json) {
        return mapper.map(json.getBytes(StandardCharsets.UTF_8), List.of(mapping), ARRIVAL).get(0);
    }
}
