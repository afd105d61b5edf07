package io.tanhe.server.store.jdbc;

import io.tanhe.drivers.Quality;
import io.tanhe.drivers.Reading;
import io.tanhe.server.store.ReadingFilter;
import io.tanhe.server.store.StoredReading;
import io.tanhe.server.store.TimeRange;
import io.tanhe.server.store.WriteOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;

import static io.tanhe.server.store.Samples.T0;
import static io.tanhe.server.store.Samples.reading;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ParameterizedClass
@EnumSource(Engine.class)
class ReadingStoreTest {
    @Parameter
    Engine engine;

    @TempDir
    Path dir;
    JdbcStore store;

    @BeforeEach
    void open() {
        store = TestStores.open(engine, dir);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aReadingComesBackExactlyWithTheMetersDigitsAndNanoseconds() {
        Instant at = Instant.parse("2024-03-01T08:15:30.123456789Z");
        StoredReading r = reading("grid_in", at, "12345.6700");
        assertEquals(WriteOutcome.STORED, store.readings().write(r).join());
        List<StoredReading> back = store.readings().readings("grid_in", TimeRange.of(at, at.plusSeconds(1)));
        assertEquals(List.of(r), back);
        assertEquals("12345.6700", back.get(0).value().toString());
    }

    @Test
    void instantsSurviveAJvmZoneWhoseLocalTimeDoesNotExist() {
        TimeZone before = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Europe/Berlin"));
        try {
            Instant inGap = Instant.parse("2024-03-31T01:30:00Z");
            StoredReading r = reading("p", inGap, "1");
            store.readings().write(r).join();
            assertEquals(List.of(r), store.readings().readings("p", TimeRange.of(inGap, inGap.plusNanos(1))));
        } finally {
            TimeZone.setDefault(before);
        }
    }

    @Test
    void aReadingWrittenTwiceIsStoredOnce() {
        StoredReading r = reading("p", T0, "1.5");
        assertEquals(WriteOutcome.STORED, store.readings().write(r).join());
        assertEquals(WriteOutcome.UNCHANGED, store.readings().write(r).join());
        assertEquals(1, store.readings().count());
    }

    @Test
    void duplicatesInsideOneBatchAreSkippedAndTheRestIsStored() {
        List<StoredReading> batch = List.of(reading("p", T0, "1"), reading("p", T0.plusSeconds(1), "2"),
                reading("p", T0, "1"), reading("p", T0.plusSeconds(2), "3"), reading("p", T0.plusSeconds(1), "2"));
        assertEquals(List.of(WriteOutcome.STORED, WriteOutcome.STORED, WriteOutcome.UNCHANGED, WriteOutcome.STORED,
                WriteOutcome.UNCHANGED), store.readings().writeAll(batch).join());
        assertEquals(3, store.readings().count());
    }

    @Test
    void aFailedReadingIsStoredWithoutAValue() {
        StoredReading failed = StoredReading.of(Reading.failed("p", T0, "kWh", Quality.TIMEOUT, "meter-1", "no answer in 2 s"), T0);
        store.readings().write(failed).join();
        StoredReading back = store.readings().readings("p", TimeRange.of(T0, T0.plusSeconds(1))).get(0);
        assertNull(back.value());
        assertEquals(Quality.TIMEOUT, back.quality());
        assertEquals("no answer in 2 s", back.detail());
    }

    @Test
    void rangesAreHalfOpenAndOrderedByMeasurementTime() {
        for (int i = 9; i >= 0; i--) {
            store.readings().write(reading("p", T0.plusSeconds(i), String.valueOf(i))).join();
        }
        store.readings().write(reading("other", T0.plusSeconds(3), "99")).join();
        List<StoredReading> got = store.readings().readings("p", TimeRange.of(T0.plusSeconds(2), T0.plusSeconds(5)));
        assertEquals(List.of("2", "3", "4"), got.stream().map(r -> r.value().toString()).toList());
    }

    @Test
    void scanFiltersBySource() {
        store.readings().write(reading("p", T0, "1", "primary")).join();
        store.readings().write(reading("p", T0.plusSeconds(1), "2", "backup")).join();
        List<StoredReading> got = new ArrayList<>();
        long n = store.readings().scan(ReadingFilter.of(TimeRange.of(T0, T0.plusSeconds(60))).source("backup"), got::add);
        assertEquals(1, n);
        assertEquals("backup", got.get(0).sourceId());
    }

    @Test
    void tooLongIdsAreRejectedWithTheirFieldNameBeforeAnythingIsQueued() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> reading("p".repeat(200), T0, "1"));
        assertTrue(e.getMessage().startsWith("pointId is 200 characters long"), e.getMessage());
    }

    @Test
    void aValueWithoutItsQualityIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new StoredReading("p", "", T0, null, "kWh", Quality.MEASURED,
                "m", "", T0));
        assertThrows(IllegalArgumentException.class, () -> new StoredReading("p", "", T0, BigDecimal.ONE, "kWh",
                Quality.TIMEOUT, "m", "", T0));
    }
}
