package io.tanhe.server.store.jdbc;

import io.tanhe.engine.time.Grain;
import io.tanhe.server.store.Event;
import io.tanhe.server.store.EventKind;
import io.tanhe.server.store.NewAlert;
import io.tanhe.server.store.RetentionPolicy;
import io.tanhe.server.store.RetentionReport;
import io.tanhe.engine.rules.alert.Severity;
import io.tanhe.server.store.StoredReading;
import io.tanhe.server.store.TimeRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;

import static io.tanhe.server.store.Samples.POWER;
import static io.tanhe.server.store.Samples.T0;
import static io.tanhe.server.store.Samples.reading;
import static io.tanhe.server.store.Samples.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ParameterizedClass
@EnumSource(Engine.class)
class RetentionTest {
    @Parameter
    Engine engine;

    @TempDir
    Path dir;

    @Test
    void defaultsMeetTheStandard() {
        RetentionPolicy p = RetentionPolicy.standard();
        assertTrue(p.rawReadings().toTotalMonths() >= 6);
        for (Grain g : Grain.values()) {
            assertTrue(p.results().get(g).toTotalMonths() >= 60, g + " " + p.results().get(g));
        }
    }

    @Test
    void aPolicyBelowTheStandardIsRefusedNamingTheField() {
        IllegalArgumentException raw = assertThrows(IllegalArgumentException.class,
                () -> RetentionPolicy.standard().withRawReadings(Period.ofMonths(3)));
        assertTrue(raw.getMessage().startsWith("retention.raw_readings: `P3M` is shorter than the standard's minimum P6M"), raw.getMessage());
        IllegalArgumentException hourly = assertThrows(IllegalArgumentException.class,
                () -> RetentionPolicy.standard().withResults(Grain.HOUR, Period.ofYears(4)));
        assertTrue(hourly.getMessage().contains("retention.results.hour") && hourly.getMessage().contains("9.2"));
        assertEquals(Period.ofMonths(7), RetentionPolicy.standard().withResults(Grain.MINUTE, Period.ofMonths(7))
                .results().get(Grain.MINUTE));
    }

    @Test
    void oldRowsGoInSmallBatchesAndEverythingYoungerStays() {
        RetentionPolicy policy = RetentionPolicy.standard().withRawReadings(Period.ofMonths(6))
                .withResults(Grain.MINUTE, Period.ofMonths(6));
        TestStores.open(engine, dir).close();
        StoreSettings settings = TestStores.settings(engine, dir).withRetention(policy, Duration.ZERO, 7);
        Instant now = T0.atZone(java.time.ZoneOffset.UTC).plusMonths(6).toInstant();
        try (JdbcStore store = JdbcStore.open(settings)) {
            List<StoredReading> readings = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                readings.add(reading("p", T0.minusSeconds(50 - i), "1"));
                readings.add(reading("p", T0.plusSeconds(i), "2"));
            }
            store.readings().writeAll(readings).join();
            for (int i = 0; i < 10; i++) {
                store.results().write(result("E", "", Grain.MINUTE, T0.minus(Duration.ofMinutes(i + 1)), i, POWER, "live")).join();
                store.results().write(result("E", "", Grain.HOUR, T0.minus(Duration.ofHours(i + 1)), i, POWER, "live")).join();
            }
            store.results().write(result("E", "", Grain.MINUTE, T0.minus(Duration.ofMinutes(1)), 42, POWER, "revised")).join();
            store.events().append(new Event(T0.minus(Duration.ofDays(3000)), EventKind.RESTART, "", "long ago", null));
            long old = store.alerts().raise(new NewAlert("old", "r", Severity.INFO, T0.minus(Duration.ofDays(3000)), "old", null)).id();
            store.alerts().raise(new NewAlert("open", "r", Severity.INFO, T0.minus(Duration.ofDays(3000)), "still raised", null));
            store.alerts().clear(old, T0.minus(Duration.ofDays(2999)));

            RetentionReport report = store.applyRetention(now);

            assertEquals(50L, report.deleted().get("raw_reading"));
            assertEquals(10L, report.deleted().get("result"), "minute results older than 6 months; hourly ones stay 6 years");
            assertEquals(1L, report.deleted().get("result_revision"));
            assertEquals(1L, report.deleted().get("event"));
            assertEquals(1L, report.deleted().get("alert"), "an alert still raised is never deleted");
            assertEquals(50, store.readings().count());
            assertEquals(50, store.readings().readings("p", TimeRange.of(T0, T0.plusSeconds(50))).size());
            assertEquals(10, store.results().count());
            assertEquals(0, store.applyRetention(now).total());
        }
    }
}
