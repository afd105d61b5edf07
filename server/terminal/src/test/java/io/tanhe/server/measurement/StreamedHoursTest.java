package io.tanhe.server.measurement;

import io.tanhe.drivers.Quality;
import io.tanhe.engine.time.Grain;
import io.tanhe.server.site.Site;
import io.tanhe.server.store.BucketResult;
import io.tanhe.server.store.QaRecord;
import io.tanhe.server.store.Store;
import io.tanhe.server.store.StoredReading;
import io.tanhe.server.store.TimeRange;
import io.tanhe.server.store.jdbc.JdbcStore;
import io.tanhe.server.store.jdbc.StoreSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The job stores each hour as it closes, reading only the new hour and a few minutes around it (its neighbours, a
 * calibration run in progress); its figures are those of a full recomputation over the same readings: a fresh store
 * holding them all, whose job computes every hour in one batch. The stream has what makes the short reads fall back to
 * the long ones: a silence across an hour boundary, a calibration run longer than the short window across another,
 * a short maintenance run across a third, a run that ends exactly at a boundary; and readings that arrive late,
 * some before their hour closes and some after (those revise the stored hours through {@link MeasurementJob#recomputeDay}).
 */
class StreamedHoursTest {
    private static final LocalDate DATE = LocalDate.of(2024, 6, 1);
    private static final Instant DAY = LocalDateTime.of(2024, 6, 1, 0, 0).atZone(CemsPlant.ZONE).toInstant();
    private static final Instant END = at(7, 0).plusSeconds(330);
    private static final Clock CLOCK = Clock.fixed(DAY.plus(Duration.ofDays(2)), ZoneOffset.UTC);
    private static final List<String> POINTS = List.of("stack1.co2", "stack1.flow", "stack1.temperature", "stack1.static",
            "stack1.ambient", "stack1.moisture");

    @TempDir
    Path dir;

    private static Instant at(int hour, int minute) {
        return DAY.plus(Duration.ofHours(hour)).plus(Duration.ofMinutes(minute));
    }

    @Test
    void hoursStoredAsTheyCloseEqualAFullRecomputationOverTheSameReadings() {
        Site site = CemsPlant.site(dir.resolve("site"));
        Map<Instant, List<StoredReading>> arrivals = arrivals();
        List<StoredReading> afterClose = arrivals.remove(Instant.MAX);
        try (JdbcStore store = JdbcStore.open(StoreSettings.at(dir.resolve("streamed")))) {
            MeasurementJob job = MeasurementJob.start(site, store, CLOCK, Duration.ofDays(1)).orElseThrow();
            job.close();
            List<StoredReading> arrived = new ArrayList<>();
            for (List<StoredReading> batch : arrivals.values()) {
                store.readings().writeAll(batch).join();
                arrived.addAll(batch);
                while (job.step()) {
                    // one hour closes at a time here
                }
            }
            List<BucketResult> hours = current(store, Grain.HOUR);
            assertEquals(7, hours.size(), "hours 0-6 closed: " + hours);
            assertNotEquals(io.tanhe.engine.time.Quality.MEASURED, hours.get(6).quality(), "half of hour 6 has no CO2: " + hours.get(6).reason());
            assertSameAsFullRecomputation(site, store, arrived, "on-time", "");

            store.readings().writeAll(afterClose).join();
            arrived.addAll(afterClose);
            int revised = job.recomputeDay(DATE, "late");
            assertTrue(revised >= 1, "the late temperatures change hour 1: " + revised);
            assertSameAsFullRecomputation(site, store, arrived, "all", "; late");
        }
    }

    /**
     * The stream in arrival order, a minute of readings at a time; under {@link Instant#MAX} the readings that arrive
     * after their hour was stored. Every 30 s until 07:05:30: all points silent 02:57:30–03:02:30; CO2 flagged C
     * 00:52–01:06 and 05:50–06:00, M 03:59–04:01, silent 06:10–06:40; CO2 and flow of 04:58–05:00 arrive at 05:01 (before hour 4 closes at 05:02);
     * the temperatures of 01:20–01:25 after everything else.
     */
    private static Map<Instant, List<StoredReading>> arrivals() {
        Map<Instant, List<StoredReading>> out = new TreeMap<>();
        for (Instant t = DAY; t.isBefore(END); t = t.plus(CemsPlant.STEP)) {
            if (!t.isBefore(at(2, 57).plusSeconds(30)) && t.isBefore(at(3, 2).plusSeconds(30))) {
                continue;
            }
            for (String point : POINTS) {
                boolean co2 = point.equals(CemsPlant.CO2);
                if (co2 && !t.isBefore(at(6, 10)) && t.isBefore(at(6, 40))) {
                    continue;
                }
                char flag = !co2 ? 'N' : within(t, at(0, 52), at(1, 6)) || within(t, at(5, 50), at(6, 0)) ? 'C'
                        : within(t, at(3, 59), at(4, 1)) ? 'M' : 'N';
                StoredReading r = reading(point, t, flag);
                Instant arrival = t;
                if ((co2 || point.equals("stack1.flow")) && within(t, at(4, 58), at(5, 0))) {
                    arrival = at(5, 1);
                } else if (point.equals("stack1.temperature") && within(t, at(1, 20), at(1, 25))) {
                    arrival = Instant.MAX;
                }
                Instant minute = arrival.equals(Instant.MAX) ? arrival : arrival.plusSeconds(59).truncatedTo(ChronoUnit.MINUTES);
                out.computeIfAbsent(minute, m -> new ArrayList<>()).add(r);
            }
        }
        return out;
    }

    private static boolean within(Instant t, Instant from, Instant to) {
        return !t.isBefore(from) && t.isBefore(to);
    }

    /** A reading as the data logger source stores it: flagged C or M without a value; the temperature dips 01:20–01:25. */
    private static StoredReading reading(String point, Instant t, char flag) {
        if (flag != 'N') {
            return new StoredReading(point, "", t, null, "%", Quality.DEVICE_ERROR, "cems",
                    "HJ 212 flag " + flag + ": calibration or maintenance; value 15.000 not used", t);
        }
        int hour = t.atZone(CemsPlant.ZONE).getHour();
        double value = switch (point) {
            case "stack1.co2" -> CemsPlant.co2(hour) + (t.getEpochSecond() % 300) / 1000.0;
            case "stack1.flow" -> 1_080_000 + (t.getEpochSecond() % 600) * 10;
            case "stack1.temperature" -> within(t, at(1, 20), at(1, 25)) ? 20 : 50;
            case "stack1.static" -> -0.5;
            case "stack1.ambient" -> 101.325;
            default -> 10;
        };
        String unit = switch (point) {
            case "stack1.flow" -> "m3/h";
            case "stack1.temperature" -> "degC";
            case "stack1.static", "stack1.ambient" -> "kPa";
            default -> "%";
        };
        return new StoredReading(point, "", t, BigDecimal.valueOf(value), unit, Quality.MEASURED, "cems", "", t);
    }

    /**
     * The streamed store's QA records and figures are a fresh store's with the same readings whose job ran once they were
     * all there (one batch); {@code suffix} is what a recompute appended to the reasons of the figures it revised.
     */
    private void assertSameAsFullRecomputation(Site site, Store streamed, List<StoredReading> readings, String name, String suffix) {
        try (JdbcStore full = JdbcStore.open(StoreSettings.at(dir.resolve(name)))) {
            full.readings().writeAll(readings).join();
            MeasurementJob job = MeasurementJob.start(site, full, CLOCK, Duration.ofDays(1)).orElseThrow();
            job.close();
            while (job.step()) {
                // a day at most per batch
            }
            assertEquals(3, qa(full).size(), "C 00:52–01:06, M 03:59–04:01, C 05:50–06:00: " + qa(full));
            assertEquals(qa(full), qa(streamed), "the calibration and maintenance runs");
            for (Grain grain : List.of(Grain.HOUR, Grain.FIFTEEN_MINUTES)) {
                List<BucketResult> expected = current(full, grain);
                List<BucketResult> actual = current(streamed, grain);
                // 7 hours; 28 quarters but 06:15, whose CO2 is silent throughout (no figure is stored without a value)
                assertEquals(grain == Grain.HOUR ? 7 : 27, expected.size(), grain + " figures of the full recomputation");
                assertEquals(expected.size(), actual.size(), grain + " figures");
                for (int i = 0; i < expected.size(); i++) {
                    BucketResult e = expected.get(i);
                    BucketResult a = actual.get(i);
                    String where = grain + " " + e.bucketStart();
                    assertEquals(e.bucketStart(), a.bucketStart(), where);
                    assertEquals(e.value(), a.value(), 0.0, where);
                    assertEquals(e.quality(), a.quality(), where);
                    assertEquals(e.completeness(), a.completeness(), 0.0, where);
                    String reason = a.reason().endsWith(suffix) ? a.reason().substring(0, a.reason().length() - suffix.length()) : a.reason();
                    assertEquals(e.reason(), reason, where);
                }
            }
        }
    }

    private static List<String> qa(Store store) {
        return store.qa().between(TimeRange.of(DAY.minus(Duration.ofDays(1)), END)).stream()
                .map(r -> r.withId(0).toString()).toList();
    }

    private static List<BucketResult> current(Store store, Grain grain) {
        return store.results().current("co2_measured", "stack1", grain, TimeRange.of(DAY, END)).stream().map(s -> s.result()).toList();
    }
}
