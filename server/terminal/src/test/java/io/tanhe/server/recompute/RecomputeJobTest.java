package io.tanhe.server.recompute;

import io.tanhe.drivers.Quality;
import io.tanhe.drivers.Reading;
import io.tanhe.engine.time.Grain;
import io.tanhe.server.store.EventKind;
import io.tanhe.server.store.LoggedEvent;
import io.tanhe.server.store.ResultFilter;
import io.tanhe.server.store.Store;
import io.tanhe.server.store.StoredResult;
import io.tanhe.server.store.TimeRange;
import io.tanhe.server.store.jdbc.StoreSettings;
import io.tanhe.server.store.jdbc.JdbcStore;
import io.tanhe.server.terminal.Terminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.tanhe.server.recompute.LatePlant.carbon;
import static io.tanhe.server.recompute.LatePlant.coal;
import static io.tanhe.server.recompute.LatePlant.local;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Late data in a running terminal: requests recorded with the readings, closed days recomputed by the background job. */
@Timeout(120)
class RecomputeJobTest {
    private static final Duration QUICK = Duration.ofMillis(50);
    private static final Instant YESTERDAY = local("2025-10-02T00:00");
    private static final Instant TODAY = local("2025-10-03T00:00");

    @TempDir
    Path dir;

    @Test
    void aLateCounterReadingForYesterdayRevisesYesterdaysDayAndHoursAndLeavesTodayAlone() throws Exception {
        try (Terminal t = LatePlant.open(dir.resolve("site"), dir.resolve("late"), QUICK)) {
            LatePlant.deliver(t, LatePlant.yesterdayEvening());
            Store store = t.store();
            // 18:00 … 24:00 at 10 t/h: 1240 − 1180 = 60 t; × C_ar 0.50 × oxidation 0.99 × 44/12 = 108.9 tCO2
            assertEquals(60, day(store, "coal_burned").value(), 1e-9);
            assertEquals(108.9, day(store, "coal_combustion").value(), 1e-9);

            LatePlant.deliver(t, List.of(LatePlant.LATE_NOON));
            LatePlant.awaitRecomputed(t);

            // 12:00 … 24:00: 1240 − 1120 = 120 t; 120 × 0.50 × 0.99 × 44/12 = 217.8 tCO2
            assertEquals(120, day(store, "coal_burned").value(), 1e-9);
            assertEquals(217.8, day(store, "coal_combustion").value(), 1e-9);
            List<StoredResult> history = store.results().revisions("coal_combustion", "unit1", Grain.DAY, YESTERDAY);
            assertEquals(2, history.size());
            assertEquals(108.9, history.get(0).result().value(), 1e-9, "the old figure is kept");
            assertEquals("recomputed 2025-10-02: 1 late reading of point unit1.coal.total received 2025-11-05T01:12Z",
                    history.get(1).result().reason());
            Instant noon = local("2025-10-02T12:00");
            StoredResult noonHour = store.results().current("coal_burned", "unit1", Grain.HOUR, TimeRange.of(noon,
                    noon.plusSeconds(1))).get(0);
            assertEquals(10, noonHour.result().value(), 1e-9, "hour 12:00 now has its share of the late interval");
            assertEquals(1, noonHour.revision(), "hour 12:00 had no result before");
            assertEquals(1, store.results().revisions("coal_burned", "unit1", Grain.HOUR, local("2025-10-02T18:00")).size(),
                    "hour 18:00 was not changed by the late reading and is not rewritten");
            assertUntouched(store, TODAY, TODAY.plus(Duration.ofDays(1)));
            List<LoggedEvent> events = recomputeEvents(store);
            assertEquals(List.of("2025-10-02"), events.stream().map(e -> e.event().subject()).toList(), "one event per recomputed day");
            assertTrue(events.get(0).event().message().matches("\\d+ results revised, \\d+ new — recomputed 2025-10-02: .*"),
                    events.get(0).event().message());
        }
        try (Terminal onTime = LatePlant.open(dir.resolve("site"), dir.resolve("on-time"), QUICK)) {
            List<Reading> all = new ArrayList<>(LatePlant.yesterdayEvening());
            all.add(1, LatePlant.LATE_NOON);
            LatePlant.deliver(onTime, all);
        }
        assertSameAsOnTime(dir.resolve("late"), dir.resolve("on-time"), YESTERDAY, TODAY);
    }

    @Test
    void aMonthlyLabValueForLastMonthRevisesEveryDayOfLastMonthKeepingTheOldValues() throws Exception {
        List<Reading> readings = new ArrayList<>();
        readings.add(carbon(local("2025-10-01T00:00"), "0.50"));
        readings.addAll(LatePlant.hourlyCoal(local("2025-10-30T20:00"), local("2025-11-01T02:00"), 5000));
        Reading labValue = carbon(local("2025-10-31T00:00"), "0.52");
        Instant oct30 = local("2025-10-30T00:00");
        Instant oct31 = local("2025-10-31T00:00");
        Instant nov1 = local("2025-11-01T00:00");
        Instant nov2 = local("2025-11-02T00:00");
        try (Terminal t = LatePlant.open(dir.resolve("site"), dir.resolve("late"), QUICK)) {
            LatePlant.deliver(t, readings);
            LatePlant.deliver(t, List.of(labValue));
            LatePlant.awaitRecomputed(t);
            Store store = t.store();

            // 31 October: 24 h × 10 t/h = 240 t; 240 × 0.52 × 0.99 × 44/12 = 453.024 tCO2 (was 435.6 with 0.50)
            List<StoredResult> oct31History = store.results().revisions("coal_combustion", "unit1", Grain.DAY, oct31);
            assertEquals(List.of(435.6, 453.024), oct31History.stream().map(r -> round(r.result().value())).toList());
            assertEquals("recomputed 2025-10-31: 1 late reading of point unit1.coal.c_ar received 2025-11-05T01:12Z",
                    oct31History.get(1).result().reason());
            // 30 October from 20:00: 40 t; 40 × 0.52 × 0.99 × 44/12 = 75.504 tCO2 (was 72.6)
            assertEquals(List.of(72.6, 75.504), store.results().revisions("coal_combustion", "unit1", Grain.DAY, oct30)
                    .stream().map(r -> round(r.result().value())).toList());
            for (StoredResult r : currentFrom(store, oct30, nov1)) {
                if (r.result().nodeId().startsWith("coal_c")) {
                    assertEquals(2, r.revision(), "every stored figure of October that reads C_ar is revised: " + r);
                }
            }
            assertUntouched(store, nov1, nov2);
            assertEquals(31, recomputeEvents(store).size(), "each day of October was recomputed: " + recomputeEvents(store));
        }
        try (Terminal onTime = LatePlant.open(dir.resolve("site"), dir.resolve("on-time"), QUICK)) {
            List<Reading> all = new ArrayList<>(readings);
            all.add(1 + 4, labValue); // after 30 October 23:00, the 4th hourly reading
            LatePlant.deliver(onTime, all);
            LatePlant.awaitRecomputed(onTime);
        }
        assertSameAsOnTime(dir.resolve("late"), dir.resolve("on-time"), oct30, nov2);
    }

    @Test
    void aRequestRecordedBeforeAShutdownIsDoneAfterTheRestart() throws Exception {
        try (Terminal t = LatePlant.open(dir.resolve("site"), dir.resolve("data"), Duration.ofHours(1))) {
            LatePlant.deliver(t, LatePlant.yesterdayEvening());
            LatePlant.deliver(t, List.of(LatePlant.LATE_NOON));
            assertEquals(1, t.store().recomputeQueue().pendingCount(), "the request is stored with the reading");
            assertEquals(60, day(t.store(), "coal_burned").value(), 1e-9, "the job has not run yet");
        }
        try (Terminal t = LatePlant.open(dir.resolve("site"), dir.resolve("data"), QUICK)) {
            LatePlant.awaitRecomputed(t);
            assertEquals(120, day(t.store(), "coal_burned").value(), 1e-9);
        }
    }

    @Test
    void aLateReadingThatChangesNothingWritesNothing() throws Exception {
        try (Terminal t = LatePlant.open(dir.resolve("site"), dir.resolve("data"), QUICK)) {
            LatePlant.deliver(t, LatePlant.yesterdayEvening());
            // a failed poll carries no value: a counter ignores it, so the replay gives the same figures
            LatePlant.deliver(t, List.of(Reading.failed(LatePlant.COAL, local("2025-10-02T20:30"), "t", Quality.TIMEOUT,
                    "scale", "no answer")));
            LatePlant.awaitRecomputed(t);
            assertUntouched(t.store(), YESTERDAY, TODAY);
            List<LoggedEvent> events = recomputeEvents(t.store());
            assertEquals(1, events.size());
            assertTrue(events.get(0).event().message().startsWith("0 results revised, 0 new — recomputed 2025-10-02: 1 late"),
                    events.get(0).event().message());
        }
    }

    /** The late terminal's results of [from, to) equal, figure by figure, those of the terminal that had the data on time. */
    private void assertSameAsOnTime(Path late, Path onTime, Instant from, Instant to) {
        try (JdbcStore a = JdbcStore.open(StoreSettings.at(late));
             JdbcStore b = JdbcStore.open(StoreSettings.at(onTime))) {
            Map<String, StoredResult> expected = byFigure(currentFrom(b, from, to));
            Map<String, StoredResult> actual = byFigure(currentFrom(a, from, to));
            assertTrue(expected.keySet().equals(actual.keySet()), "the same buckets and nodes are stored");
            assertTrue(expected.size() > 1000, expected.size() + " results compared");
            assertTrue(expected.values().stream().anyMatch(r -> r.revision() == 1) && actual.values().stream().anyMatch(r -> r.revision() > 1),
                    "the late terminal revised what the on-time one stored once");
            for (var e : expected.entrySet()) {
                var want = e.getValue().result();
                var got = actual.get(e.getKey()).result();
                assertEquals(want.value(), got.value(), 1e-9 * Math.max(1, Math.abs(want.value())), e.getKey());
                assertEquals(want.quality(), got.quality(), e.getKey());
                assertEquals(want.completeness(), got.completeness(), 1e-9, e.getKey());
            }
        }
    }

    /** Yesterday's day result of {@code node[unit1]}. */
    private static io.tanhe.server.store.BucketResult day(Store store, String node) {
        return store.results().current(node, "unit1", Grain.DAY, TimeRange.of(YESTERDAY, YESTERDAY.plusSeconds(1))).get(0).result();
    }

    private static List<StoredResult> currentFrom(Store store, Instant from, Instant to) {
        List<StoredResult> out = new ArrayList<>();
        store.results().scan(ResultFilter.of(TimeRange.of(from, to)), out::add);
        return out;
    }

    /** Every stored result of [from, to) is its bucket's first figure: nothing there was recomputed. */
    private static void assertUntouched(Store store, Instant from, Instant to) {
        List<StoredResult> results = currentFrom(store, from, to);
        assertTrue(results.size() > 100, results.size() + " results in " + TimeRange.of(from, to));
        List<StoredResult> revised = results.stream().filter(r -> r.revision() > 1 || r.result().reason().startsWith("recomputed")).toList();
        assertEquals(List.of(), revised.stream().limit(3).toList(), revised.size() + " results of " + TimeRange.of(from, to) + " were rewritten");
    }

    private static Map<String, StoredResult> byFigure(List<StoredResult> results) {
        Map<String, StoredResult> out = new TreeMap<>();
        for (StoredResult r : results) {
            out.put(r.result().nodeId() + "[" + r.result().key() + "] " + r.result().grain().label() + " " + r.result().bucketStart(), r);
        }
        return out;
    }

    private static List<LoggedEvent> recomputeEvents(Store store) {
        return store.events().events(TimeRange.of(Instant.EPOCH, Instant.parse("3000-01-01T00:00:00Z"))).stream()
                .filter(e -> e.event().kind() == EventKind.RECOMPUTE).toList();
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
